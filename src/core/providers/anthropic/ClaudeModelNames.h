#pragma once

#include "routing/RouteTable.h"

/// Names under which Claude Code can see and pick every routable model. Its model discovery
/// (`GET /v1/models` with `anthropic-version`) keeps only ids that start with "claude" or
/// "anthropic", so other models are listed as `anthropic:NAME`, and requests for such a name
/// are routed as NAME.
namespace ClaudeModelNames {
inline constexpr char kDiscoveryPrefix[] = "anthropic:";

/// `name` itself when Claude Code keeps it, else `anthropic:name`.
QString discoveryName(const QString &name);
/// Resolves a client's model name: the table's own answer, except that `anthropic:NAME` is
/// routed as NAME (when the table has no alias of that exact spelling).
RouteResolution resolve(const RouteTable &routes, const QString &model);
} // namespace ClaudeModelNames
