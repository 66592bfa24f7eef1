#pragma once

/// The desktop executable hands a headless start to llm-gateway-headless: the same gateway
/// built without the GUI libraries, which a headless process would otherwise map and relocate
/// for nothing (about 7 MB of its memory; docs/benchmarks.md).
namespace HeadlessExecutable {

/// Replaces this process by llm-gateway-headless with the same arguments and environment
/// (next to this program in a build, in ../libexec once installed). Returns only when there
/// is none or it cannot run; the caller then runs the gateway in this process.
void replaceProcess(char *argv[]);

} // namespace HeadlessExecutable
