#pragma once

#include <QStringList>

/// `llm-gateway logs` and `llm-gateway usage` (SPEC §1): read the request log (SPEC §6)
/// read-only, also while a gateway is writing it, and print it on stdout.
namespace LogCommands {
/// True when the first argument names one of these commands.
bool isLogCommand(int argc, char **argv);
/// Runs the command in `arguments` (the program, the command, its options); the exit code.
int run(const QStringList &arguments);
} // namespace LogCommands
