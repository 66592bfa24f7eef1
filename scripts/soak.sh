#!/usr/bin/env bash
# The soak run (not part of CI): 100,000 mixed requests through one gateway binary, with its
# memory and open descriptors watched from /proc. See scripts/soak/soak.mjs for the mix and
# docs/hardening.md for the figures of the last run.
#
#   scripts/soak.sh [--gateway BIN] [--requests N] [--concurrency C]
#
# Builds build/bin/llm-gateway when no binary is given. Needs Node.js 18 or later. Exits 1
# when a request got a wrong answer, RSS grew more than 10% after the first tenth of the run,
# descriptors were left open, or the gateway exited with an error.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/deps.sh"

gateway=""
requests=100000
concurrency=32
while [ $# -gt 0 ]; do
    case "$1" in
        --gateway) gateway="$2"; shift ;;
        --requests) requests="$2"; shift ;;
        --concurrency) concurrency="$2"; shift ;;
        -h|--help) sed -n 2,10p "$0"; exit 0 ;;
        *) echo "soak.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

if ! command -v node >/dev/null; then
    echo "soak.sh: needs Node.js 18 or later (apt-get install nodejs)" >&2
    exit 2
fi
if [ -z "$gateway" ]; then
    llmgw_ensure_packages "${LLMGW_BUILD_PACKAGES[@]}"
    llmgw_build "$root" >&2
    gateway="$root/build/bin/llm-gateway"
fi
# Clients and upstream connections at once: more than a desktop's 1024 descriptors.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
exec node "$root/scripts/soak/soak.mjs" --gateway "$gateway" --requests "$requests" \
    --concurrency "$concurrency"
