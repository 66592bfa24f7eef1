#!/usr/bin/env bash
# Runs the real Claude Code CLI through the built gateway to scripted fake providers and
# prints PASS/FAIL per route (not part of CI: the client is large and comes from npm).
#
#   scripts/compat.sh            # builds if needed, installs Claude Code into the cache
#
# Routes: passthrough (an Anthropic-type fake, model claude-sonnet-4-5) and translated (an
# OpenAI-type fake, models deepseek-chat and gpt-4o-mini). Each run is a real tool loop: the
# fake asks Claude Code to read a file, Claude Code runs its Read tool and sends the result
# back, the fake answers with the file's text. A route passes when Claude Code prints the
# file's secret word and the fake saw the tool result come back.
# Then runs scripts/compat-codex.sh (Codex over the Responses API) when it exists.
#
# Environment: LLMGW_COMPAT_CACHE (default ~/.cache/llm-gateway-compat) holds the npm
# installs (claude-code/ here, codex/ for compat-codex.sh); CLAUDE_CODE_VERSION (default the
# latest); LLMGW_COMPAT_KEEP=1 keeps the run folder (recordings, logs) for inspection.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/deps.sh"
cache="${LLMGW_COMPAT_CACHE:-$HOME/.cache/llm-gateway-compat}/claude-code"
binary="$root/build/bin/llm-gateway"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    llmgw_ensure_packages nodejs npm
fi
[[ -x "$binary" ]] || llmgw_build "$root" >/dev/null
claude="$cache/node_modules/.bin/claude"
if [[ ! -x "$claude" ]]; then
    echo "compat: installing @anthropic-ai/claude-code into $cache" >&2
    mkdir -p "$cache"
    (cd "$cache" && npm install --no-audit --no-fund --silent \
        "@anthropic-ai/claude-code@${CLAUDE_CODE_VERSION:-latest}" >&2) || {
        echo "FAIL install: npm could not install Claude Code" >&2
        exit 1
    }
fi

run="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
    wait 2>/dev/null
    if [[ "${LLMGW_COMPAT_KEEP:-0}" == 1 ]]; then echo "compat: kept $run" >&2; else rm -rf "$run"; fi
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() {
    for _ in $(seq 1 100); do
        (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}

mkdir -p "$run/home" "$run/work"
secret="PAPAYA-$RANDOM"
echo "The secret word is $secret." > "$run/work/notes.txt"

touch "$run/anthropic.jsonl" "$run/openai.jsonl"
anthropic_port="$(free_port)"
openai_port="$(free_port)"
gateway_port="$(free_port)"
token="compat-$(date +%s)-$RANDOM"

node "$root/scripts/compat/fake-upstream.mjs" --dialect anthropic --port "$anthropic_port" \
    --record "$run/anthropic.jsonl" --file "$run/work/notes.txt" > "$run/fake-anthropic.log" 2>&1 &
pids+=($!)
node "$root/scripts/compat/fake-upstream.mjs" --dialect openai --port "$openai_port" \
    --record "$run/openai.jsonl" --file "$run/work/notes.txt" > "$run/fake-openai.log" 2>&1 &
pids+=($!)

# The seed's providers, pointed at the fakes through their environment variables.
HOME="$run/home" XDG_CONFIG_HOME="$run/home/.config" XDG_DATA_HOME="$run/home/.local/share" \
    LLM_GATEWAY_TOKEN="$token" \
    ANTHROPIC_API_KEY=sk-ant-compat ANTHROPIC_API_BASE="http://127.0.0.1:$anthropic_port" \
    DEEPSEEK_API_KEY=sk-ds-compat DEEPSEEK_API_BASE="http://127.0.0.1:$openai_port/v1" \
    OPENAI_API_KEY=sk-oa-compat OPENAI_API_BASE="http://127.0.0.1:$openai_port/v1" \
    "$binary" --headless --port "$gateway_port" > "$run/gateway.log" 2>&1 &
pids+=($!)
if ! wait_port "$anthropic_port" || ! wait_port "$openai_port" || ! wait_port "$gateway_port"; then
    echo "compat: a server did not start; see $run" >&2
    LLMGW_COMPAT_KEEP=1
    exit 1
fi

failures=0
# run_claude LABEL MODEL RECORDING [reasoning]
# With "reasoning", the fake's reasoning (sent as DeepSeek's reasoning_content) must come back
# on the tool-result turn: Claude Code kept the gateway-signed thinking block and returned it.
run_claude() {
    local label="$1" model="$2" recording="$3" reasoning="${4:-}"
    local before after out
    before=$(wc -l < "$recording")
    out="$run/claude-$model.txt"
    (cd "$run/work" && HOME="$run/home" \
        ANTHROPIC_BASE_URL="http://127.0.0.1:$gateway_port" ANTHROPIC_AUTH_TOKEN="$token" \
        ANTHROPIC_MODEL="$model" ANTHROPIC_SMALL_FAST_MODEL="$model" \
        ANTHROPIC_DEFAULT_HAIKU_MODEL="$model" \
        DISABLE_TELEMETRY=1 DISABLE_ERROR_REPORTING=1 DISABLE_AUTOUPDATER=1 \
        CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1 \
        timeout 180 "$claude" -p "Read notes.txt and tell me the secret word." \
            --model "$model" --allowedTools Read > "$out" 2>&1)
    local rc=$?
    after=$(wc -l < "$recording")
    # The tool result must have reached the provider: the loop went round for real.
    local looped=0
    if tail -n "$((after - before))" "$recording" | grep -q "The secret word is $secret"; then
        looped=1
    fi
    if [[ -n "$reasoning" ]] && ! tail -n "$((after - before))" "$recording" |
        grep "The secret word is $secret" | grep -q '"reasoning_content":"The user wants the file."'; then
        looped=0
        echo "      the reasoning did not come back as reasoning_content" >&2
    fi
    if [[ $rc -eq 0 && $looped -eq 1 ]] && grep -q "$secret" "$out"; then
        printf 'PASS  claude-code  %-28s %s\n' "$label" "$model"
    else
        printf 'FAIL  claude-code  %-28s %s (exit %s, tool result upstream: %s)\n' \
            "$label" "$model" "$rc" "$looped"
        sed 's/^/      /' "$out" | head -20
        failures=$((failures + 1))
        LLMGW_COMPAT_KEEP=1
    fi
}

echo "Claude Code $("$claude" --version 2>/dev/null | head -1) through llm-gateway on port $gateway_port"
run_claude "passthrough (anthropic)" claude-sonnet-4-5 "$run/anthropic.jsonl"
run_claude "translated (openai-type)" deepseek-chat "$run/openai.jsonl" reasoning
run_claude "translated (openai-type)" gpt-4o-mini "$run/openai.jsonl"

if [[ -x "$root/scripts/compat-codex.sh" ]]; then
    "$root/scripts/compat-codex.sh" || failures=$((failures + 1))
fi
exit $((failures > 0))
