#!/usr/bin/env bash
# What the request log costs, measured (docs/benchmarks.md, "Request log"):
#  - the gateway with the request log on and off, side by side in one run: requests/s and CPU
#    per request at c=64 and c=1 for plain JSON calls, alternating on/off runs several times
#    and taking the median (the machine is shared: one pair of runs proves little);
#  - the log's own CPU per record: the writer thread's run time (/proc/PID/task/TID/schedstat
#    of the thread named "requestlog") over the records it wrote, and the gateway thread's
#    hand-over (llmgw-requestlog-bench handover);
#  - a log of 1,000,000 records: `llm-gateway logs --limit 50` (the whole process, median of
#    5), the Logs page's queries and the usage sums (llmgw-requestlog-bench query), and the
#    Logs page opening (llmgw-logs-page-bench, when the GUI is built).
# Builds in Release in build-bench/ like scripts/bench.sh, loopback only. Writes its table
# between the request-log markers of docs/benchmarks.md (or --out FILE).
#
#   scripts/bench-requestlog.sh [--rounds N] [--duration S] [--rows N] [--out FILE]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/deps.sh"

rounds=5
duration=3
rows=1000000
out="$root/docs/benchmarks.md"
while [ $# -gt 0 ]; do
    case "$1" in
        --rounds) rounds="$2"; shift ;;
        --duration) duration="$2"; shift ;;
        --rows) rows="$2"; shift ;;
        --out) out="$2"; shift ;;
        -h|--help) sed -n 2,17p "$0"; exit 0 ;;
        *) echo "bench-requestlog.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

llmgw_ensure_packages "${LLMGW_BUILD_PACKAGES[@]}"
build="$root/build-bench"
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
targets=(llm-gateway llmgw-requestlog-bench)
if grep -q "llmgw-logs-page-bench" "$root/tests/requestlog/CMakeLists.txt" 2>/dev/null; then
    targets+=(llmgw-logs-page-bench)
fi
cmake --build "$build" -j2 --target "${targets[@]}" >&2
cmake -S "$root/bench" -B "$build/bench-tools" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build/bench-tools" -j2 >&2
gateway="$build/bin/llm-gateway"
load="$build/bench-tools/llmgw-load"
fake="$build/bench-tools/llmgw-fake-upstream"
tool="$build/tests/llmgw-requestlog-bench"

work="$(mktemp -d)"
pids=()
cleanup() {
    local pid
    for pid in "${pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

kv() { # kv "key=value ..." key
    local pair
    for pair in $1; do
        if [ "${pair%%=*}" = "$2" ]; then
            echo "${pair#*=}"
            return
        fi
    done
    echo ""
}
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
median() { sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
now_ns() { date +%s%N; }

# The run time, in ns, of the thread named $2 of process $1 (0 when there is none).
thread_ns() {
    local task
    for task in /proc/"$1"/task/*; do
        if [ "$(cat "$task/comm" 2>/dev/null)" = "$2" ]; then
            cut -d' ' -f1 "$task/schedstat"
            return
        fi
    done
    echo 0
}

# --- The fake upstream and two gateways: request log on, request log off ---------------------
"$fake" --port 0 --chunks 20 --interval-ms 2 >"$work/fake.port" 2>"$work/fake.log" &
pids+=($!)
for _ in $(seq 1 200); do [ -s "$work/fake.port" ] && break; sleep 0.02; done
up_port=$(cut -d= -f2 "$work/fake.port")

start_gateway() { # start_gateway NAME ENABLED -> sets port_NAME and pid_NAME
    local name="$1" enabled="$2" home="$work/$1" port
    mkdir -p "$home/.config" "$home/.local/share" "$home/run"
    chmod 700 "$home/run"
    cat >"$home/config.json" <<JSON
{"version": 1,
 "providers": [{"id": "openai", "type": "openai", "baseUrl": "http://127.0.0.1:$up_port/v1"}],
 "routes": [{"prefix": "bench-", "provider": "openai"}],
 "requestLog": {"enabled": $enabled, "retentionDays": 0, "maxRecords": 0}}
JSON
    port=$("$load" --free-port)
    env HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" \
        XDG_RUNTIME_DIR="$home/run" OPENAI_API_KEY=sk-bench LLM_GATEWAY_TOKEN=bench-token \
        "$gateway" --headless --config "$home/config.json" --port "$port" 2>>"$work/$name.log" &
    pids+=($!)
    eval "pid_$name=$!; port_$name=$port"
    if [ "$(kv "$("$load" --port "$port" --wait-health --timeout 20)" ready_unix_ns)" = "" ]; then
        echo "bench-requestlog.sh: gateway '$name' did not start:" >&2
        cat "$work/$name.log" >&2
        exit 1
    fi
}
start_gateway on true
start_gateway off false

: >"$work/runs.tsv"
echo "bench-requestlog.sh: $rounds rounds of on/off runs, ${duration} s each..." >&2
for round in $(seq 1 "$rounds"); do
    for c in 64 1; do
        for name in on off; do
            pid_var="pid_$name"
            port_var="port_$name"
            before=$(thread_ns "${!pid_var}" requestlog)
            gw_before=$(thread_ns "${!pid_var}" gateway)
            line=$("$load" --port "${!port_var}" --model bench-json --concurrency "$c" \
                --duration "$duration" --warmup 0.5 --watch-pid "${!pid_var}")
            after=$(thread_ns "${!pid_var}" requestlog)
            gw_after=$(thread_ns "${!pid_var}" gateway)
            # The gateway thread's own CPU per request (warm-up included in both counts).
            gw_us=$(calc "%.1f" "($gw_after - $gw_before) / 1000 / $(kv "$line" requests)")
            printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$c" "$line" "$((after - before))" "$gw_us" \
                >>"$work/runs.tsv"
            printf '  round %s c=%-2s log %-3s %s\n' "$round" "$c" "$name" "$line" >&2
        done
    done
done
# Everything the "on" gateway answered (warm-ups included) is in its log once the writer has
# caught up; its thread's whole run time over that count is the cost per record.
sleep 1
records_on=$(env HOME="$work/on" XDG_DATA_HOME="$work/on/.local/share" "$gateway" usage --json |
    awk -F': ' '/"requests"/ { gsub(/,/, "", $2); n += $2 } END { print n + 0 }')
writer_total_ns=$(thread_ns "$pid_on" requestlog)
errors=$(awk -F'\t' '{ print $3 }' "$work/runs.tsv" | tr ' ' '\n' | awk -F= '$1 == "errors" { n += $2 } END { print n + 0 }')

med() { # med NAME C KEY
    awk -F'\t' -v n="$1" -v c="$2" '$1 == n && $2 == c { print $3 }' "$work/runs.tsv" |
        while read -r line; do kv "$line" "$3"; done | median
}
med_gateway_thread() { # med_gateway_thread NAME C
    awk -F'\t' -v n="$1" -v c="$2" '$1 == n && $2 == c { print $5 }' "$work/runs.tsv" | median
}
handover=$("$tool" handover)

# --- A log of a million records --------------------------------------------------------------
big="$work/big"
mkdir -p "$big/.local/share/llm-gateway"
echo "bench-requestlog.sh: writing $rows records..." >&2
fill=$("$tool" fill "$big/.local/share/llm-gateway/requests.db" "$rows")
logs_ms=()
for _ in 1 2 3 4 5; do
    t0=$(now_ns)
    env HOME="$big" XDG_DATA_HOME="$big/.local/share" "$gateway" logs --limit 50 >/dev/null
    logs_ms+=("$(calc "%.1f" "($(now_ns) - $t0) / 1000000")")
done
logs_json_ms=()
for _ in 1 2 3 4 5; do
    t0=$(now_ns)
    env HOME="$big" XDG_DATA_HOME="$big/.local/share" "$gateway" logs --json --limit 50 >/dev/null
    logs_json_ms+=("$(calc "%.1f" "($(now_ns) - $t0) / 1000000")")
done
t0=$(now_ns)
env HOME="$big" XDG_DATA_HOME="$big/.local/share" "$gateway" usage --since 30d >/dev/null
usage_ms=$(calc "%.0f" "($(now_ns) - $t0) / 1000000")
query=$("$tool" query "$big/.local/share/llm-gateway/requests.db")
page="n/a"
if [ -x "$build/tests/llmgw-logs-page-bench" ]; then
    page_line=$(QT_QPA_PLATFORM=offscreen "$build/tests/llmgw-logs-page-bench" \
        "$big/.local/share/llm-gateway/requests.db")
    page="$(kv "$page_line" open_ms) ms (first rows shown; $(kv "$page_line" scroll_ms) ms to scroll through $(kv "$page_line" scrolled_rows) rows)"
fi
db_mb=$(du -m "$big/.local/share/llm-gateway/requests.db" | cut -f1)

# --- The report ------------------------------------------------------------------------------
rps_on64=$(med on 64 rps); rps_off64=$(med off 64 rps)
cpu_on64=$(med on 64 cpu_us_per_req); cpu_off64=$(med off 64 cpu_us_per_req)
rps_on1=$(med on 1 rps); rps_off1=$(med off 1 rps)
cpu_on1=$(med on 1 cpu_us_per_req); cpu_off1=$(med off 1 cpu_us_per_req)
writer_us=$(calc "%.2f" "$writer_total_ns / 1000 / ($records_on > 0 ? $records_on : 1)")
handover_us=$(kv "$handover" handover_cpu_us)

table="$work/table.md"
{
    echo "Run of $(date -u '+%Y-%m-%d %H:%M UTC') by \`scripts/bench-requestlog.sh\` ($rounds rounds of ${duration} s runs; Release build; $(nproc) cores shared with the load generator and the fake upstream; load average before the run: $(cut -d' ' -f1-3 /proc/loadavg))."
    echo
    echo "| figure | log on | log off | difference | target |"
    echo "|---|---:|---:|---:|---:|"
    echo "| JSON requests/s at c=64 (median) | $(calc "%.0f" "$rps_on64") | $(calc "%.0f" "$rps_off64") | $(calc "%+.1f" "($rps_on64 - $rps_off64) * 100 / $rps_off64") % | ≥ -5 % |"
    echo "| gateway CPU per JSON request at c=64 (median, all threads) | $(calc "%.1f" "$cpu_on64") µs | $(calc "%.1f" "$cpu_off64") µs | $(calc "%+.1f" "$cpu_on64 - $cpu_off64") µs | ≤ 10 µs |"
    echo "| JSON requests/s at c=1 (median) | $(calc "%.0f" "$rps_on1") | $(calc "%.0f" "$rps_off1") | $(calc "%+.1f" "($rps_on1 - $rps_off1) * 100 / $rps_off1") % | |"
    echo "| gateway CPU per JSON request at c=1 (median, all threads) | $(calc "%.1f" "$cpu_on1") µs | $(calc "%.1f" "$cpu_off1") µs | $(calc "%+.1f" "$cpu_on1 - $cpu_off1") µs | ≤ 10 µs |"
    gw_on64=$(med_gateway_thread on 64); gw_off64=$(med_gateway_thread off 64)
    echo "| the gateway thread alone, CPU per request at c=64 (median) | $gw_on64 µs | $gw_off64 µs | $(calc "%+.1f" "$gw_on64 - $gw_off64") µs | |"
    echo
    echo "The whole-process difference carries the noise of a shared machine (compare the rounds"
    echo "below); the log's own cost, measured on its threads alone, is steadier:"
    echo
    echo "| the request log's own CPU | value | target |"
    echo "|---|---:|---:|"
    echo "| writer thread, per record written ($records_on records, batched, 5 filter indexes) | $writer_us µs | |"
    echo "| gateway thread, per record handed over (\`requestFinished\`) | $handover_us µs | |"
    echo "| together | $(calc "%.2f" "$writer_us + $handover_us") µs | ≤ 10 µs |"
    echo
    echo "A log of $(kv "$fill" rows) records ($db_mb MB; written at $(kv "$fill" rows_per_s) records/s, $(kv "$fill" writer_cpu_us_per_row) µs of CPU each, in batches of 1,000):"
    echo
    echo "| figure | value | target |"
    echo "|---|---:|---:|"
    echo "| \`llm-gateway logs --limit 50\`, whole process (median of 5: ${logs_ms[*]} ms) | $(printf '%s\n' "${logs_ms[@]}" | median) ms | < 100 ms |"
    echo "| \`llm-gateway logs --json --limit 50\`, whole process (median of 5) | $(printf '%s\n' "${logs_json_ms[@]}" | median) ms | |"
    echo "| \`llm-gateway usage --since 30d\`, whole process | $usage_ms ms | |"
    echo "| Logs page: open the window, first rows shown | $page | < 1 s |"
    echo "| Logs page query: first 200 rows, no filter | $(kv "$query" first_page_ms) ms | |"
    echo "| ... next 200 rows (scrolling) | $(kv "$query" next_page_ms) ms | |"
    echo "| ... status 5xx (5 % of rows) | $(kv "$query" page_5xx_ms) ms | |"
    echo "| ... one provider of four | $(kv "$query" page_provider_ms) ms | |"
    echo "| ... model prefix matching a quarter of the rows | $(kv "$query" page_model_ms) ms | |"
    echo "| ... text search | $(kv "$query" page_text_ms) ms | |"
    echo "| usage sums per provider and model: today / 30 days | $(kv "$query" usage_today_ms) / $(kv "$query" usage_30d_ms) ms | |"
    echo "| tokens per day, 30 days (the chart) | $(kv "$query" daily_30d_ms) ms | |"
    echo
    echo "Every run:"
    echo
    echo "| c | log | req/s | p50 | p99 | CPU / req (process) | gateway thread CPU / req | writer thread CPU in the run |"
    echo "|---:|---|---:|---:|---:|---:|---:|---:|"
    while IFS=$'\t' read -r name c line wns gwus; do
        echo "| $c | $name | $(calc "%.0f" "$(kv "$line" rps)") | $(kv "$line" p50_ms) ms | $(kv "$line" p99_ms) ms | $(calc "%.1f" "$(kv "$line" cpu_us_per_req)") µs | $gwus µs | $(calc "%.0f" "$wns / 1000000") ms |"
    done <"$work/runs.tsv"
    if [ "$errors" -ne 0 ]; then
        echo
        echo "**$errors requests failed in these runs.**"
    fi
} >"$table"

begin='<!-- requestlog-bench:begin (generated by scripts/bench-requestlog.sh; edit outside these markers) -->'
end='<!-- requestlog-bench:end -->'
if [ -f "$out" ] && grep -qF "$begin" "$out" && grep -qF "$end" "$out"; then
    awk -v b="$begin" -v e="$end" -v t="$table" '
        $0 == b { print; while ((getline line < t) > 0) print line; skip = 1; next }
        $0 == e { skip = 0 }
        !skip { print }' "$out" >"$work/out.md"
    cat "$work/out.md" >"$out"
else
    { echo; echo "## Request log"; echo; echo "$begin"; cat "$table"; echo "$end"; } >>"$out"
fi
cat "$table" >&2
echo "bench-requestlog.sh: results written to $out" >&2
[ "$errors" -eq 0 ]
