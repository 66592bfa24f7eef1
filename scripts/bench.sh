#!/usr/bin/env bash
# The benchmark: the gateway against calling the upstream directly, side by side in one run.
#
# Builds the gateway in Release (build-bench/) and the benchmark tools (bench/, plain C++),
# starts the fake upstream (bench/FakeUpstream.cpp) and the headless gateway in front of it, and
# for each scenario runs the same closed-loop load (bench/LoadClient.cpp) first straight at the
# fake upstream, then through the gateway. Writes the tables between the markers in
# docs/benchmarks.md (the text around them is kept). Loopback only; about 3 minutes after the build.
#
# HTTPS upstreams: the fake upstream also listens with TLS, its certificate signed by a test CA
# this script makes with openssl and the gateway trusts through the provider's "caFile". The
# HTTPS rows run through the gateway's own client (the default) and, for comparison, through
# QNetworkAccessManager (a second gateway with "builtinHttpClient": false); their "direct"
# column is the fake's plain port, so "added" includes what TLS costs.
#
#   scripts/bench.sh                 the full run, results into docs/benchmarks.md
#   scripts/bench.sh --smoke         a few-second run for CI: every path once, no timing asserted,
#                                    fails only on errors; writes build-bench/benchmarks-smoke.md
#   scripts/bench.sh --scale         also the 10,000-stream row (about a minute more): 10,000
#                                    concurrent paced streams through one gateway started with
#                                    the soft open-file limit at 1024 (the gateway raises it)
#   --gateway BIN                    use an existing llm-gateway binary instead of building one
#   --duration S                     seconds measured per run (default 3)
#   --out FILE                       where the tables go
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/deps.sh"

smoke=0
scale=0
gateway_bin=""
duration=3
warmup=0.5
out=""
while [ $# -gt 0 ]; do
    case "$1" in
        --smoke) smoke=1 ;;
        --scale) scale=1 ;;
        --gateway) gateway_bin="$2"; shift ;;
        --duration) duration="$2"; shift ;;
        --out) out="$2"; shift ;;
        -h|--help) sed -n 2,19p "$0"; exit 0 ;;
        *) echo "bench.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift
done

build_dir="$root/build-bench"
concurrencies=(1 16 64)
many_streams=1000
if [ "$smoke" = 1 ]; then
    duration=0.2
    warmup=0.05
    concurrencies=(1 8)
    many_streams=50
    out="${out:-$build_dir/benchmarks-smoke.md}"
fi
out="${out:-$root/docs/benchmarks.md}"

llmgw_ensure_packages cmake ninja-build g++ libssl-dev openssl
if [ -z "$gateway_bin" ]; then
    llmgw_ensure_packages "${LLMGW_BUILD_PACKAGES[@]}"
    cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$build_dir" -j2 --target llm-gateway >&2
    gateway_bin="$build_dir/bin/llm-gateway"
fi
cmake -S "$root/bench" -B "$build_dir/bench-tools" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build "$build_dir/bench-tools" -j2 >&2
load="$build_dir/bench-tools/llmgw-load"
fake="$build_dir/bench-tools/llmgw-fake-upstream"
bodies="$build_dir/bench-tools/llmgw-bodies"

# 1,000 streams need 2,000+ descriptors in the gateway (client side and upstream side).
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true

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

# ---------------------------------------------------------------------------------------------
# Helpers

kv() { # kv "line of key=value" key
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
proc_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
mb() { calc "%.1f" "${1:-0} / 1024"; }
free_port() { "$load" --free-port; }

wait_port_file() { # wait_port_file FILE KEY -> the port the fake upstream printed as KEY=N
    local i
    for i in $(seq 1 200); do
        if grep -q "^$2=" "$1" 2>/dev/null; then
            grep "^$2=" "$1" | cut -d= -f2
            return
        fi
        sleep 0.02
    done
    echo "bench.sh: the fake upstream did not start" >&2
    exit 1
}

# ---------------------------------------------------------------------------------------------
# The fake upstream and the gateway

# A test CA and the fake's certificate for 127.0.0.1, made here (EC P-256, as most providers).
tls="$work/tls"
mkdir -p "$tls"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 \
    -subj "/CN=llmgw bench CA" -keyout "$tls/ca.key" -out "$tls/ca.pem" 2>/dev/null
openssl req -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -subj "/CN=127.0.0.1" \
    -keyout "$tls/server.key" -out "$tls/server.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >"$tls/ext"
openssl x509 -req -in "$tls/server.csr" -CA "$tls/ca.pem" -CAkey "$tls/ca.key" \
    -CAcreateserial -days 2 -extfile "$tls/ext" -out "$tls/server.pem" 2>/dev/null

"$fake" --port 0 --chunks 20 --interval-ms 2 --tls-port 0 --cert "$tls/server.pem" \
    --key "$tls/server.key" >"$work/fake.port" 2>"$work/fake.log" &
fake_pid=$!
pids+=("$fake_pid")
up_port=$(wait_port_file "$work/fake.port" port)
tls_port=$(wait_port_file "$work/fake.port" tls_port)

mkdir -p "$work/home/.config" "$work/home/.local/share" "$work/home/run"
chmod 700 "$work/home/run"
write_config() { # write_config FILE BUILTIN_HTTP_CLIENT
    cat >"$1" <<EOF
{
  "version": 1,
  "builtinHttpClient": $2,
  "providers": [
    {"id": "openai", "type": "openai", "baseUrl": "http://127.0.0.1:$up_port/v1"},
    {"id": "anthropic", "type": "anthropic", "baseUrl": "http://127.0.0.1:$up_port"},
    {"id": "openai-tls", "type": "openai", "baseUrl": "https://127.0.0.1:$tls_port/v1",
     "caFile": "$tls/ca.pem"}
  ],
  "routes": [
    {"prefix": "bench-", "provider": "openai"},
    {"prefix": "tls-", "provider": "openai-tls", "stripPrefix": true}
  ]
}
EOF
}
write_config "$work/config.json" true
write_config "$work/config-qt.json" false

gateway_env=(
    env HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config"
    XDG_DATA_HOME="$work/home/.local/share" XDG_RUNTIME_DIR="$work/home/run"
    OPENAI_API_KEY=sk-bench ANTHROPIC_API_KEY=sk-bench DEEPSEEK_API_KEY=sk-bench
    LLM_GATEWAY_TOKEN=bench-token
)

start_gateway() { # start_gateway PORT EXTRA_ARGS... ; sets gw_pid and startup_ms
    local port="$1"
    shift
    local t0 ready
    t0=$(date +%s%N)
    "${gateway_env[@]}" "$gateway_bin" --config "${gateway_config:-$work/config.json}" \
        --port "$port" "$@" 2>>"$work/gateway.log" &
    gw_pid=$!
    pids+=("$gw_pid")
    ready=$(kv "$("$load" --port "$port" --wait-health --timeout 20)" ready_unix_ns)
    if [ -z "$ready" ] || [ "$ready" = 0 ]; then
        echo "bench.sh: the gateway did not answer /health; its log:" >&2
        cat "$work/gateway.log" >&2
        exit 1
    fi
    startup_ms=$(calc "%.0f" "($ready - $t0) / 1000000")
}

gw_port=$(free_port)
start_gateway "$gw_port" --headless
sleep 1
idle_rss_kb=$(proc_kb "$gw_pid" VmRSS)
headless_startup_ms=$startup_ms

# ---------------------------------------------------------------------------------------------
# The measured matrix: each scenario direct, then through the gateway, back to back.

results="$work/results.tsv"
: >"$results"
errors_total=0

measure() { # measure LABEL C TARGET(direct|gateway) LOAD_ARGS...
    local label="$1" c="$2" target="$3"
    shift 3
    local port pid line
    if [ "$target" = direct ]; then
        port=$up_port
        pid=$fake_pid
    elif [ "$target" = gateway-qt ]; then
        port=$qt_port
        pid=$qt_pid
    else
        port=$gw_port
        pid=$gw_pid
    fi
    line=$("$load" --port "$port" --concurrency "$c" --duration "$duration" --warmup "$warmup" \
        --watch-pid "$pid" "$@" 2>>"$work/load.log") || true
    local errors
    errors=$(kv "$line" errors)
    errors_total=$((errors_total + ${errors:-1}))
    printf '%s\t%s\t%s\t%s\n' "$label" "$c" "$target" "$line" >>"$results"
    printf '  %-34s c=%-3s %-8s %s\n' "$label" "$c" "$target" "$line" >&2
}

scenario() { # scenario LABEL C DIRECT_ARGS -- GATEWAY_ARGS  (GATEWAY=gateway-qt: the QNAM one)
    local label="$1" c="$2"
    shift 2
    local direct=() gateway=()
    while [ $# -gt 0 ] && [ "$1" != -- ]; do direct+=("$1"); shift; done
    shift
    gateway=("$@")
    measure "$label" "$c" direct "${direct[@]}"
    measure "$label" "$c" "${GATEWAY:-gateway}" "${gateway[@]}"
}

echo "bench.sh: measuring (${duration} s per run)..." >&2
for c in "${concurrencies[@]}"; do
    scenario "OpenAI, JSON" "$c" --model bench-json -- --model bench-json
    scenario "OpenAI, stream at once" "$c" --model bench-stream --stream -- \
        --model bench-stream --stream
    scenario "OpenAI, paced stream (20 x 2 ms)" "$c" --model bench-paced --stream -- \
        --model bench-paced --stream
done

# HTTPS upstreams: the same answers over TLS (the test CA trusted through caFile), on the
# gateway's own client; the direct runs use the fake's plain port.
https_concurrencies=(1 16)
[ "$smoke" = 1 ] && https_concurrencies=(1 8)
for c in "${https_concurrencies[@]}"; do
    scenario "HTTPS upstream, JSON" "$c" --model bench-json -- --model tls-bench-json
    scenario "HTTPS upstream, stream at once" "$c" --model bench-stream --stream -- \
        --model tls-bench-stream --stream
done

# The Anthropic provider path: an OpenAI client through an `anthropic` provider (translation
# both ways) against an Anthropic client calling the fake's /v1/messages directly.
anthropic_probe=$("$load" --port "$gw_port" --model anthropic/bench-json --concurrency 1 \
    --once --timeout 5 2>&1 || true)
if [ "$(kv "$anthropic_probe" errors)" = 0 ] && [ "$(kv "$anthropic_probe" requests)" = 1 ]; then
    anthropic_available=1
    for c in 1 "${concurrencies[-1]}"; do
        scenario "Anthropic provider, JSON" "$c" --format anthropic --path /v1/messages \
            --model bench-json -- --model anthropic/bench-json
        scenario "Anthropic provider, paced stream" "$c" --format anthropic --path /v1/messages \
            --model bench-paced --stream -- --model anthropic/bench-paced --stream
    done
else
    anthropic_available=0
    echo "bench.sh: the anthropic provider path is not available: $anthropic_probe" >&2
fi

# The peak of the 1 KB matrix (c up to 64), before the large bodies raise it.
peak_rss_kb=$(proc_kb "$gw_pid" VmHWM)

# Agent-sized bodies (bench/BodyGen.cpp makes them): a Claude Code-shaped /v1/messages request
# of 108 KB and a long history of 1 MB, through an OpenAI-type provider (translated) and through
# the anthropic provider (passed through), whole answers and streams. The direct run is the
# same body to the fake's /v1/messages.
"$bodies" --size 110592 --turns 20 --out "$work/body-108k.json" 2>/dev/null
"$bodies" --size 1048576 --turns 200 --out "$work/body-1m.json" 2>/dev/null
body_sizes=(108k 1m)
[ "$smoke" = 1 ] && body_sizes=(108k)
for size in "${body_sizes[@]}"; do
    label_size=$([ "$size" = 108k ] && echo "108 KB Claude Code body" || echo "1 MB long-history body")
    body_args=(--format anthropic --path /v1/messages --body-file "$work/body-$size.json")
    scenario "$label_size, translated, JSON" 1 "${body_args[@]}" --model bench-json -- \
        "${body_args[@]}" --model bench-json
    scenario "$label_size, passed through, JSON" 1 "${body_args[@]}" --model bench-json -- \
        "${body_args[@]}" --model anthropic/bench-json
    scenario "$label_size, translated, stream" 1 "${body_args[@]}" --model bench-stream --stream \
        -- "${body_args[@]}" --model bench-stream --stream
    scenario "$label_size, passed through, stream" 1 "${body_args[@]}" --model bench-stream \
        --stream -- "${body_args[@]}" --model anthropic/bench-stream --stream
done
bodies_peak_rss_kb=$(proc_kb "$gw_pid" VmHWM)

# The same HTTPS rows on QNetworkAccessManager: what HTTPS cost before the gateway's own client
# spoke TLS (a second gateway with "builtinHttpClient": false).
if [ "$smoke" = 0 ]; then
    qt_port=$(free_port)
    gw_main_pid=$gw_pid
    gateway_config="$work/config-qt.json" start_gateway "$qt_port" --headless
    qt_pid=$gw_pid
    gw_pid=$gw_main_pid
    for c in "${https_concurrencies[@]}"; do
        GATEWAY=gateway-qt scenario "HTTPS upstream (QNAM), JSON" "$c" --model bench-json -- \
            --model tls-bench-json
        GATEWAY=gateway-qt scenario "HTTPS upstream (QNAM), stream at once" "$c" \
            --model bench-stream --stream -- --model tls-bench-stream --stream
    done
fi

# The HTTPS/plain ratio from interleaved runs: plain, HTTPS (and HTTPS on QNAM) back to back,
# several rounds, the median of each, so that a busy moment of a shared machine does not land
# on one side only.
pairs="$work/pairs.tsv"
: >"$pairs"
rounds=3
[ "$smoke" = 1 ] && rounds=1
cpu_run() { # cpu_run PORT PID LOAD_ARGS... -> gateway CPU µs per request
    local line
    line=$("$load" --port "$1" --watch-pid "$2" --duration "$duration" --warmup "$warmup" \
        "${@:3}" 2>>"$work/load.log") || true
    errors_total=$((errors_total + $(kv "$line" errors)))
    kv "$line" cpu_us_per_req
}
echo "bench.sh: interleaved plain/HTTPS runs for the ratio ($rounds rounds)..." >&2
for kind in json stream; do
    stream_args=()
    [ "$kind" = stream ] && stream_args=(--stream)
    for c in "${https_concurrencies[@]}"; do
        for round in $(seq 1 "$rounds"); do
            printf '%s\t%s\tplain\t%s\n' "$kind" "$c" "$(cpu_run "$gw_port" "$gw_pid" \
                --concurrency "$c" --model "bench-$kind" "${stream_args[@]}")" >>"$pairs"
            printf '%s\t%s\thttps\t%s\n' "$kind" "$c" "$(cpu_run "$gw_port" "$gw_pid" \
                --concurrency "$c" --model "tls-bench-$kind" "${stream_args[@]}")" >>"$pairs"
            if [ "$smoke" = 0 ]; then
                printf '%s\t%s\tqnam\t%s\n' "$kind" "$c" "$(cpu_run "$qt_port" "$qt_pid" \
                    --concurrency "$c" --model "tls-bench-$kind" "${stream_args[@]}")" >>"$pairs"
            fi
        done
    done
done
if [ "$smoke" = 0 ]; then
    kill "$qt_pid" 2>/dev/null || true
    wait "$qt_pid" 2>/dev/null || true
fi
kill -USR1 "$fake_pid" 2>/dev/null || true

# ---------------------------------------------------------------------------------------------
# Many concurrent streams through the gateway.

echo "bench.sh: $many_streams concurrent paced streams..." >&2
many_line=$("$load" --port "$gw_port" --concurrency "$many_streams" --once --model bench-paced \
    --stream --timeout 60 --watch-pid "$gw_pid" 2>>"$work/load.log") || true
many_rss_kb=$(proc_kb "$gw_pid" VmHWM)
after_many_rss_kb=$(proc_kb "$gw_pid" VmRSS)
errors_total=$((errors_total + $(kv "$many_line" errors)))
echo "  $many_line" >&2

kill "$gw_pid" 2>/dev/null || true
wait "$gw_pid" 2>/dev/null || true

# 10,000 concurrent paced streams through one gateway (--scale). The gateway starts with the
# soft open-file limit at 1024, as a login shell gives it, and must raise it itself; it needs
# two descriptors per stream (client and upstream), so where the hard limit is below 20,100 the
# row runs as many streams as fit and says so. limits.maxConcurrentRequests is raised for it.
scale_line=""
if [ "$scale" = 1 ]; then
    hard=$(ulimit -Hn)
    scale_streams=10000
    if [ "$hard" != unlimited ] && [ $(((hard - 100) / 2)) -lt "$scale_streams" ]; then
        scale_streams=$(((hard - 100) / 2))
    fi
    sed 's/"version": 1,/"version": 1, "limits": {"maxConcurrentRequests": 20000},/' \
        "$work/config.json" >"$work/config-scale.json"
    scale_port=$(free_port)
    (ulimit -Sn 1024 && gateway_config="$work/config-scale.json" start_gateway "$scale_port" \
        --headless && echo "$gw_pid" >"$work/scale.pid" && wait "$gw_pid") &
    scale_shell=$!
    for _ in $(seq 1 500); do [ -s "$work/scale.pid" ] && break; sleep 0.05; done
    scale_pid=$(cat "$work/scale.pid")
    pids+=("$scale_pid")
    sleep 1
    scale_idle_kb=$(proc_kb "$scale_pid" VmRSS)
    scale_soft_limit=$(awk '/^Max open files/ { print $4 }' "/proc/$scale_pid/limits")
    echo "bench.sh: $scale_streams concurrent paced streams (soft open-file limit 1024 at start)..." >&2
    scale_line=$("$load" --port "$scale_port" --concurrency "$scale_streams" --once \
        --model bench-paced --stream --timeout 300 --watch-pid "$scale_pid" 2>>"$work/load.log") || true
    scale_peak_kb=$(proc_kb "$scale_pid" VmHWM)
    errors_total=$((errors_total + $(kv "$scale_line" errors)))
    echo "  $scale_line" >&2
    kill "$scale_pid" 2>/dev/null || true
    wait "$scale_shell" 2>/dev/null || true
fi

# The desktop app (tray + windows) idle, on the offscreen platform: no display needed.
desktop_rss="n/a"
desktop_startup="n/a"
if [ "$smoke" = 0 ]; then
    desktop_port=$(free_port)
    if (QT_QPA_PLATFORM=offscreen start_gateway "$desktop_port" \
            && sleep 1 && echo "$(proc_kb "$gw_pid" VmRSS) $startup_ms" >"$work/desktop" \
            && kill "$gw_pid") 2>>"$work/gateway.log"; then
        read -r desktop_kb desktop_startup <"$work/desktop"
        desktop_rss="$(mb "$desktop_kb") MB"
        desktop_startup="$desktop_startup ms"
    fi
fi

# ---------------------------------------------------------------------------------------------
# The report

median() { # median KIND C SIDE -> the median CPU µs/request of the interleaved runs
    awk -F'\t' -v k="$1" -v c="$2" -v s="$3" '$1 == k && $2 == c && $3 == s && $4 != "" { print $4 }' \
        "$pairs" | sort -g | awk '{ v[NR] = $1 } END { if (NR) print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'
}

field() { # field LABEL C TARGET KEY
    awk -F'\t' -v l="$1" -v c="$2" -v t="$3" '$1 == l && $2 == c && $3 == t { print $4 }' \
        "$results" | head -1 | { read -r line; kv "$line" "$4"; }
}

cpu_model=$(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)
mem_total=$(awk '/^MemTotal/ { printf "%.1f GB", $2 / 1048576 }' /proc/meminfo)
qt_version=$(dpkg-query -W -f='${Version}' libqt6core6 2>/dev/null || echo unknown)
gcc_version=$(g++ -dumpfullversion 2>/dev/null || echo unknown)
os_name=$(. /etc/os-release && echo "$PRETTY_NAME")

table="$work/table.md"
{
    echo "Run of $(date -u '+%Y-%m-%d %H:%M UTC') by \`scripts/bench.sh$([ "$smoke" = 1 ] && echo ' --smoke')\`."
    echo
    echo "Machine: $cpu_model, $(nproc) cores, $mem_total RAM, $os_name, kernel $(uname -r),"
    echo "Qt $qt_version, GCC $gcc_version, Release build. The load generator, the fake upstream"
    echo "and the gateway share these cores, so absolute figures are a lower bound; the added"
    echo "cost is the difference of two runs made back to back. Each run: ${warmup} s warm-up,"
    echo "then ${duration} s measured, closed loop, keep-alive, loopback."
    echo
    echo "### Added by the gateway"
    echo
    echo "| scenario | c | req/s direct | req/s gateway | added p50 | added p99 | added TTFC p50 | gateway CPU / req | fake upstream CPU / req |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    while IFS=$'\t' read -r label c target _; do
        [ "$target" = gateway ] || [ "$target" = gateway-qt ] || continue
        d_rps=$(field "$label" "$c" direct rps)
        g_rps=$(field "$label" "$c" "$target" rps)
        add_p50=$(calc "%.3f" "$(field "$label" "$c" "$target" p50_ms) - $(field "$label" "$c" direct p50_ms)")
        add_p99=$(calc "%.3f" "$(field "$label" "$c" "$target" p99_ms) - $(field "$label" "$c" direct p99_ms)")
        add_ttfc=$(calc "%.3f" "$(field "$label" "$c" "$target" ttfc_p50_ms) - $(field "$label" "$c" direct ttfc_p50_ms)")
        echo "| $label | $c | $(calc "%.0f" "$d_rps") | $(calc "%.0f" "$g_rps") | $add_p50 ms | $add_p99 ms | $add_ttfc ms | $(calc "%.0f" "$(field "$label" "$c" "$target" cpu_us_per_req)") µs | $(calc "%.0f" "$(field "$label" "$c" direct cpu_us_per_req)") µs |"
    done <"$results"
    echo
    echo "TTFC: time to the first byte of the body (for a stream, its first chunk). CPU per"
    echo "request: utime+stime of the process from /proc/PID/stat over the measured window,"
    echo "divided by the requests completed in it (the fake upstream's figure comes from the direct run)."
    echo
    echo "### HTTPS upstreams against plain http (gateway CPU per request)"
    echo
    echo "The same answers from the same fake upstream, over plain http and over TLS (a test CA"
    echo "trusted through the provider's \`caFile\`), through the gateway's own HTTP/1.1 client;"
    echo "the last column is QNetworkAccessManager (\`\"builtinHttpClient\": false\`), the path"
    echo "HTTPS took before the gateway's client spoke TLS. Target: HTTPS ≤ 1.3× plain."
    echo
    echo "Medians of $rounds interleaved runs per cell (plain, HTTPS, HTTPS on QNAM, back to back)."
    echo
    echo "| request | c | plain http | HTTPS | HTTPS / plain | HTTPS on QNAM | QNAM / plain |"
    echo "|---|---:|---:|---:|---:|---:|---:|"
    for kind in json stream; do
        for c in "${https_concurrencies[@]}"; do
            plain=$(median "$kind" "$c" plain)
            https=$(median "$kind" "$c" https)
            qnam=$(median "$kind" "$c" qnam)
            [ -n "$plain" ] && [ -n "$https" ] || continue
            ratio=$(calc "%.2f" "$https / ($plain > 0 ? $plain : 1)")
            label=$([ "$kind" = json ] && echo "JSON" || echo "stream at once")
            if [ -n "$qnam" ]; then
                qnam_cells="$(calc "%.0f" "$qnam") µs | $(calc "%.2f" "$qnam / ($plain > 0 ? $plain : 1)")×"
            else
                qnam_cells="not run | –"
            fi
            echo "| $label | $c | $(calc "%.0f" "$plain") µs | $(calc "%.0f" "$https") µs | ${ratio}× | $qnam_cells |"
        done
    done
    handshakes=$(grep -o 'tls_handshakes=[0-9]* tls_resumed=[0-9]*' "$work/fake.log" | tail -1)
    echo
    echo "TLS handshakes the fake upstream completed over the whole run (both gateways): $(kv "$handshakes" tls_handshakes), of which resumed sessions: $(kv "$handshakes" tls_resumed)."
    echo
    echo "### Agent-sized bodies (gateway CPU per request, c=1)"
    echo
    echo "Bodies made by \`bench/BodyGen.cpp\` (\`llmgw-bodies\`): a Claude Code-shaped"
    echo "\`/v1/messages\` request (system blocks with cache_control, 12 tools, 20 turns of"
    echo "tool_use/tool_result; $(wc -c <"$work/body-108k.json") bytes) and a long history (200 turns;"
    echo "$(wc -c <"$work/body-1m.json") bytes). Translated: to an OpenAI-type provider and back;"
    echo "passed through: to the \`anthropic\` provider. Targets: 108 KB ≤ 500 µs translated,"
    echo "≤ 250 µs passed through; 1 MB ≤ 5 ms translated and ≤ 10× the 108 KB cost."
    echo
    echo "| body | answer | translated | passed through | translated / passed through |"
    echo "|---|---|---:|---:|---:|"
    for size in "${body_sizes[@]}"; do
        label_size=$([ "$size" = 108k ] && echo "108 KB Claude Code body" || echo "1 MB long-history body")
        for kind in JSON stream; do
            t=$(field "$label_size, translated, $kind" 1 gateway cpu_us_per_req)
            p=$(field "$label_size, passed through, $kind" 1 gateway cpu_us_per_req)
            [ -n "$t" ] && [ -n "$p" ] || continue
            echo "| ${label_size% body} | $kind | $(calc "%.0f" "$t") µs | $(calc "%.0f" "$p") µs | $(calc "%.2f" "$t / ($p > 0 ? $p : 1)")× |"
        done
    done
    t1=$(field "108 KB Claude Code body, translated, JSON" 1 gateway cpu_us_per_req)
    t2=$(field "1 MB long-history body, translated, JSON" 1 gateway cpu_us_per_req)
    if [ -n "$t1" ] && [ -n "$t2" ]; then
        echo
        echo "1 MB / 108 KB, translated JSON: $(calc "%.1f" "$t2 / ($t1 > 0 ? $t1 : 1)")× the CPU for $(calc "%.1f" "$(wc -c <"$work/body-1m.json") / $(wc -c <"$work/body-108k.json")")× the bytes."
    fi
    echo
    echo "### Every run"
    echo
    echo "| scenario | c | target | req/s | p50 | p99 | TTFC p50 | TTFC p99 | CPU / req | errors |"
    echo "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|"
    while IFS=$'\t' read -r label c target line; do
        echo "| $label | $c | $target | $(calc "%.0f" "$(kv "$line" rps)") | $(kv "$line" p50_ms) ms | $(kv "$line" p99_ms) ms | $(kv "$line" ttfc_p50_ms) ms | $(kv "$line" ttfc_p99_ms) ms | $(calc "%.0f" "$(kv "$line" cpu_us_per_req)") µs | $(kv "$line" errors) |"
    done <"$results"
    if [ "$anthropic_available" = 0 ]; then
        echo
        echo "The Anthropic provider path was not measured: an OpenAI-format request through the"
        echo "\`anthropic\` provider did not succeed in this build (${anthropic_probe//$'\n'/ })."
    fi
    echo
    echo "### Memory, start-up, many streams"
    echo
    echo "| figure | value |"
    echo "|---|---:|"
    echo "| headless gateway: start to a ready \`/health\` | $headless_startup_ms ms |"
    echo "| headless gateway: idle RSS after start | $(mb "$idle_rss_kb") MB |"
    echo "| headless gateway: peak RSS (VmHWM) after the 1 KB rows above (c up to 64, HTTPS, Anthropic) | $(mb "$peak_rss_kb") MB |"
    echo "| headless gateway: peak RSS after the agent-sized bodies too (1 MB requests) | $(mb "$bodies_peak_rss_kb") MB |"
    echo "| $many_streams concurrent paced streams through the gateway: completed / errors | $(kv "$many_line" requests) / $(kv "$many_line" errors) |"
    echo "| $many_streams concurrent paced streams: total time p50 / p99 | $(kv "$many_line" p50_ms) ms / $(kv "$many_line" p99_ms) ms |"
    echo "| $many_streams concurrent paced streams: TTFC p50 / p99 | $(kv "$many_line" ttfc_p50_ms) ms / $(kv "$many_line" ttfc_p99_ms) ms |"
    echo "| $many_streams concurrent paced streams: gateway CPU per stream | $(calc "%.0f" "$(kv "$many_line" cpu_us_per_req)") µs |"
    echo "| $many_streams concurrent paced streams: peak RSS / RSS after | $(mb "$many_rss_kb") MB / $(mb "$after_many_rss_kb") MB |"
    if [ -n "$scale_line" ]; then
        echo "| $scale_streams concurrent paced streams, gateway started with soft open-file limit 1024: its limit after start | $scale_soft_limit |"
        echo "| $scale_streams concurrent paced streams: completed / errors | $(kv "$scale_line" requests) / $(kv "$scale_line" errors) |"
        echo "| $scale_streams concurrent paced streams: TTFC p50 / p99 | $(kv "$scale_line" ttfc_p50_ms) ms / $(kv "$scale_line" ttfc_p99_ms) ms |"
        echo "| $scale_streams concurrent paced streams: total time p50 / p99 | $(kv "$scale_line" p50_ms) ms / $(kv "$scale_line" p99_ms) ms |"
        echo "| $scale_streams concurrent paced streams: peak RSS / idle RSS before | $(mb "$scale_peak_kb") MB / $(mb "$scale_idle_kb") MB |"
        # Not all streams are open at the peak (the first finish while the last connect): the
        # load client counts the most in flight at once.
        scale_open=$(kv "$scale_line" max_in_flight)
        [ -n "$scale_open" ] && [ "$scale_open" -gt 0 ] || scale_open=$scale_streams
        echo "| $scale_streams concurrent paced streams: the most in flight at once | $scale_open |"
        echo "| $scale_streams concurrent paced streams: RSS per open stream ((peak − idle) / the most in flight) | $(calc "%.1f" "($scale_peak_kb - $scale_idle_kb) / $scale_open") KB |"
    fi
    echo "| desktop app (\`QT_QPA_PLATFORM=offscreen\`): start to ready \`/health\` | $desktop_startup |"
    echo "| desktop app (\`QT_QPA_PLATFORM=offscreen\`): idle RSS | $desktop_rss |"
} >"$table"

mkdir -p "$(dirname "$out")"
begin='<!-- bench:begin (generated by scripts/bench.sh; edit outside these markers) -->'
end='<!-- bench:end -->'
if [ -f "$out" ] && grep -qF "$begin" "$out" && grep -qF "$end" "$out"; then
    awk -v b="$begin" -v e="$end" -v t="$table" '
        $0 == b { print; while ((getline line < t) > 0) print line; skip = 1; next }
        $0 == e { skip = 0 }
        !skip { print }' "$out" >"$work/out.md"
    cat "$work/out.md" >"$out"
else
    { echo "# Benchmarks"; echo; echo "$begin"; cat "$table"; echo "$end"; } >"$out"
fi
echo "bench.sh: results written to $out" >&2

if [ "$errors_total" -ne 0 ]; then
    echo "bench.sh: $errors_total requests failed; see the tables and the gateway log:" >&2
    tail -20 "$work/gateway.log" >&2
    exit 1
fi
