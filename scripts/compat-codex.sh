#!/usr/bin/env bash
# Compatibility run with the real Codex CLI (not part of CI: it downloads ~200 MB from npm).
# Installs @openai/codex, the openai SDK and the AI SDK into a cache folder, starts the built
# gateway and a scripted fake provider (scripts/compat/codex-fake-provider.mjs), and runs
# `codex exec` through the gateway on three routes: translated to an OpenAI-compatible (Chat
# Completions) provider, translated to an Anthropic provider, and passed through to a provider
# that speaks the Responses API. The fake model asks for one tool call that reads a file, then
# answers with what the file says; a route passes when Codex prints that answer. Then the
# official openai SDK's responses.create (whole and streamed) runs a tool round trip on each
# route, and so does the Vercel AI SDK's default OpenAI model (generateText, streamText).
# Prints PASS/FAIL per check; exits 1 if any failed.
# Environment: LLMGW_COMPAT_CACHE (default ~/.cache/llm-gateway-compat), CODEX_VERSION,
# LLMGW_COMPAT_KEEP (1, or a folder: keep the run's files).
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/deps.sh"

cache="${LLMGW_COMPAT_CACHE:-$HOME/.cache/llm-gateway-compat}/codex"
codex_version="${CODEX_VERSION:-0.171.0}"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
    llmgw_ensure_packages nodejs npm
fi
if [ ! -x "$cache/node_modules/.bin/codex" ] || [ ! -d "$cache/node_modules/openai" ] ||
    [ ! -d "$cache/node_modules/@ai-sdk/openai" ]; then
    echo "compat-codex: installing @openai/codex@$codex_version, openai and the AI SDK into $cache" >&2
    mkdir -p "$cache"
    (cd "$cache" && { [ -f package.json ] || npm init -y >/dev/null; } &&
        npm install --no-audit --no-fund "@openai/codex@$codex_version" openai ai \
            @ai-sdk/openai zod >/dev/null) || {
        echo "FAIL install: npm could not install the Codex CLI" >&2
        exit 1
    }
fi
codex="$cache/node_modules/.bin/codex"
[ -x "$root/build/bin/llm-gateway" ] || llmgw_build "$root" >/dev/null

work="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null; done
    wait 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

secret="pelican-$RANDOM$RANDOM"
mkdir -p "$work/project" "$work/home"
printf 'first line\nthe secret word is %s\n' "$secret" >"$work/project/notes.txt"

# The fake provider, on a port of its own choosing.
node "$root/scripts/compat/codex-fake-provider.mjs" --file notes.txt --record "$work/recorded" \
    >"$work/fake.log" 2>&1 &
pids+=($!)
for _ in $(seq 50); do grep -q '^PORT ' "$work/fake.log" && break; sleep 0.1; done
fake_port="$(awk '/^PORT /{print $2}' "$work/fake.log")"
[ -n "$fake_port" ] || { echo "FAIL setup: the fake provider did not start" >&2; exit 1; }

cat >"$work/gateway.json" <<JSON
{
  "providers": [
    {"id": "fakechat", "name": "Fake Chat Completions", "type": "openai",
     "baseUrl": "http://127.0.0.1:$fake_port/chat/v1"},
    {"id": "fakeanthropic", "name": "Fake Anthropic", "type": "anthropic",
     "baseUrl": "http://127.0.0.1:$fake_port/anthropic"},
    {"id": "fakeresponses", "name": "Fake Responses API", "type": "openai", "responsesApi": true,
     "baseUrl": "http://127.0.0.1:$fake_port/responses/v1"}
  ]
}
JSON
token="compat-$RANDOM$RANDOM$RANDOM"
HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share" \
    LLM_GATEWAY_TOKEN="$token" FAKECHAT_API_KEY=sk-fake-chat FAKEANTHROPIC_API_KEY=sk-fake-ant \
    FAKERESPONSES_API_KEY=sk-fake-resp DBUS_SESSION_BUS_ADDRESS=disabled: \
    "$root/build/bin/llm-gateway" --headless --port 0 --config "$work/gateway.json" \
    >"$work/gateway.log" 2>&1 &
pids+=($!)
for _ in $(seq 100); do grep -q 'serving on' "$work/gateway.log" && break; sleep 0.1; done
gateway_port="$(grep -o 'serving on http://127.0.0.1:[0-9]*' "$work/gateway.log" | grep -o '[0-9]*$')"
[ -n "$gateway_port" ] || { echo "FAIL setup: the gateway did not start:" >&2; cat "$work/gateway.log" >&2; exit 1; }
base="http://127.0.0.1:$gateway_port/v1"

failed=0
run_codex() {
    local label="$1" model="$2"
    local home="$work/codex-$label"
    mkdir -p "$home"
    cat >"$home/config.toml" <<TOML
model = "$model"
model_provider = "llmgw"

[model_providers.llmgw]
name = "LLM Gateway"
base_url = "$base"
env_key = "LLM_GATEWAY_TOKEN"
wire_api = "responses"
TOML
    local out="$work/codex-$label.out"
    (cd "$work/project" && CODEX_HOME="$home" LLM_GATEWAY_TOKEN="$token" timeout 180 \
        "$codex" exec --skip-git-repo-check "What does notes.txt say? Read it with a tool." \
        </dev/null >"$out" 2>&1)
    # Codex also prints the tool's raw output; the model's answer is the line that quotes it.
    if grep -q "The file says: the secret word is $secret" "$out"; then
        echo "PASS codex exec $label ($model): tool loop finished, the answer quotes the file"
    else
        failed=1
        echo "FAIL codex exec $label ($model):"
        tail -n 15 "$out" | sed 's/^/    /'
    fi
}

run_codex translated-openai fakechat/deepseek-chat
run_codex translated-anthropic fakeanthropic/claude-sonnet-4-5
run_codex passthrough fakeresponses/gpt-5

LLMGW_NODE_MODULES="$cache/node_modules" node "$root/scripts/compat/openai-sdk-check.mjs" \
    "$base" "$token" fakechat/deepseek-chat fakeanthropic/claude-sonnet-4-5 fakeresponses/gpt-5 ||
    failed=1
LLMGW_NODE_MODULES="$cache/node_modules" node "$root/scripts/compat/ai-sdk-check.mjs" \
    "$base" "$token" fakechat/deepseek-chat fakeanthropic/claude-sonnet-4-5 fakeresponses/gpt-5 ||
    failed=1

# LLMGW_COMPAT_KEEP=1 (as for compat.sh) keeps a copy of the run folder and says where; any
# other value is taken as the folder to copy it to.
if [ -n "${LLMGW_COMPAT_KEEP:-}" ] && [ "$LLMGW_COMPAT_KEEP" != 0 ]; then
    keep="$LLMGW_COMPAT_KEEP"
    [ "$keep" = 1 ] && keep="$(mktemp -d)"
    mkdir -p "$keep" && cp -r "$work"/. "$keep"/ && echo "compat-codex: kept $keep" >&2
fi
exit "$failed"
