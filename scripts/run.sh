#!/usr/bin/env bash
# Installs what is missing, builds, and starts LLM Gateway: the tray app when a display is
# available, the headless gateway otherwise. Extra arguments go to llm-gateway.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/deps.sh"

llmgw_ensure_packages "${LLMGW_BUILD_PACKAGES[@]}"
llmgw_build "$root"

args=("$@")
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [[ " ${args[*]-} " != *" --headless "* ]]; then
    echo "run.sh: no display found: starting the gateway headless (Ctrl+C stops it)." >&2
    args=(--headless "${args[@]}")
fi
exec "$root/build/bin/llm-gateway" "${args[@]}"
