#!/usr/bin/env bash
# Two gateway binaries side by side, for a before/after figure on a shared, noisy machine: the
# same load runs against the fake upstream directly, then gateway A, then gateway B, round
# after round, so both see the same conditions; take the medians. Not part of CI.
#
#   scripts/bench-compare.sh A_BIN B_BIN [ROUNDS] [SECONDS] ["C:LOAD_ARGS" ...]
#       e.g. scripts/bench-compare.sh /tmp/main/bin/llm-gateway build-bench/bin/llm-gateway 5 3 \
#            "1:--model bench-json" "64:--model bench-json" "16:--model bench-paced --stream"
#   scripts/bench-compare.sh --instructions BIN CONCURRENCY SECONDS LOAD_ARGS...
#       instructions per request of one binary under valgrind's callgrind (steady whatever the
#       machine's load), counted over the measured window only.
#
# The load tools come from scripts/bench.sh's build (build-bench/bench-tools).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
tools="$root/build-bench/bench-tools"
load="$tools/llmgw-load"
fake="$tools/llmgw-fake-upstream"
if [ ! -x "$load" ] || [ ! -x "$fake" ]; then
    cmake -S "$root/bench" -B "$tools" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$tools" -j2 >&2
fi

work="$(mktemp -d)"
pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

field() { echo "$1" | tr ' ' '\n' | grep "^$2=" | cut -d= -f2; }

"$fake" --port 0 --chunks 20 --interval-ms 2 >"$work/fake.port" 2>/dev/null &
fake_pid=$!
pids+=("$fake_pid")
for _ in $(seq 200); do [ -s "$work/fake.port" ] && break; sleep 0.02; done
up=$(cut -d= -f2 "$work/fake.port")
cat >"$work/config.json" <<EOF
{"version": 1,
 "providers": [{"id": "openai", "type": "openai", "baseUrl": "http://127.0.0.1:$up/v1"},
               {"id": "anthropic", "type": "anthropic", "baseUrl": "http://127.0.0.1:$up"}],
 "routes": [{"prefix": "bench-", "provider": "openai"}]}
EOF

start_gateway() { # start_gateway NAME PORT COMMAND... ; the process id goes to $work/NAME.pid
    local name="$1" port="$2"
    shift 2
    local home="$work/home-$name"
    mkdir -p "$home/.config" "$home/.local/share" "$home/run"
    chmod 700 "$home/run"
    env HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" \
        XDG_RUNTIME_DIR="$home/run" OPENAI_API_KEY=sk-bench ANTHROPIC_API_KEY=sk-bench \
        LLM_GATEWAY_TOKEN=bench-token \
        "$@" --headless --config "$work/config.json" --port "$port" 2>"$work/$name.log" &
    echo $! >"$work/$name.pid"
    pids+=($!)
    "$load" --port "$port" --wait-health --timeout 120 >/dev/null
}

if [ "${1:-}" = --instructions ]; then
    bin="$2" c="$3" seconds="$4"
    shift 4
    command -v valgrind >/dev/null || { echo "bench-compare.sh: valgrind is needed" >&2; exit 2; }
    port=$("$load" --free-port)
    # A headless start execs llm-gateway-headless, which valgrind would not follow: run it.
    [ -x "$(dirname "$bin")/llm-gateway-headless" ] && bin="$(dirname "$bin")/llm-gateway-headless"
    start_gateway cg "$port" valgrind --tool=callgrind --instr-atstart=no \
        --callgrind-out-file="$work/callgrind.out" "$bin"
    vpid=$(cat "$work/cg.pid")
    "$load" --port "$port" --concurrency "$c" --duration 2 --warmup 0.2 "$@" >/dev/null 2>&1
    callgrind_control -z "$vpid" >/dev/null
    callgrind_control -i on "$vpid" >/dev/null
    line=$("$load" --port "$port" --concurrency "$c" --duration "$seconds" --warmup 0 "$@")
    callgrind_control -i off "$vpid" >/dev/null
    callgrind_control -d "$vpid" >/dev/null
    sleep 1
    requests=$(field "$line" requests)
    ir=$(cat "$work"/callgrind.out* | awk '/^(summary|totals):/ { s += $2 } END { print s }')
    echo "requests=$requests errors=$(field "$line" errors) instructions=$ir" \
         "instructions_per_request=$((ir / requests))"
    exit 0
fi

a_bin="$1" b_bin="$2" rounds="${3:-3}" seconds="${4:-3}"
shift 2
[ $# -gt 0 ] && shift
[ $# -gt 0 ] && shift
scenarios=("$@")
[ ${#scenarios[@]} -eq 0 ] && scenarios=("1:--model bench-json" "64:--model bench-json")

port_a=$("$load" --free-port)
start_gateway a "$port_a" "$a_bin"
port_b=$("$load" --free-port)
start_gateway b "$port_b" "$b_bin"
pid_a=$(cat "$work/a.pid")
pid_b=$(cat "$work/b.pid")

run() { # run PORT PID C ARGS...
    local port="$1" pid="$2" c="$3"
    shift 3
    "$load" --port "$port" --concurrency "$c" --duration "$seconds" --warmup 0.5 \
        --watch-pid "$pid" "$@" 2>/dev/null
}

for scenario in "${scenarios[@]}"; do
    c=${scenario%%:*}
    read -r -a args <<<"${scenario#*:}"
    for round in $(seq "$rounds"); do
        d=$(run "$up" "$fake_pid" "$c" "${args[@]}")
        a=$(run "$port_a" "$pid_a" "$c" "${args[@]}")
        b=$(run "$port_b" "$pid_b" "$c" "${args[@]}")
        printf 'c=%-3s %-32s round %s | direct p50 %s ms | A %6.0f req/s p50 %s ms %6.1f us/req err %s | B %6.0f req/s p50 %s ms %6.1f us/req err %s\n' \
            "$c" "${args[*]}" "$round" "$(field "$d" p50_ms)" \
            "$(field "$a" rps)" "$(field "$a" p50_ms)" "$(field "$a" cpu_us_per_req)" "$(field "$a" errors)" \
            "$(field "$b" rps)" "$(field "$b" p50_ms)" "$(field "$b" cpu_us_per_req)" "$(field "$b" errors)"
    done
done
