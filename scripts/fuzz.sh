#!/usr/bin/env bash
# Builds the libFuzzer harnesses (fuzz/, clang + ASan + UBSan, in build-fuzz/) and runs each for
# SECONDS (default 60), one after another, on a corpus that grows across runs
# (build-fuzz/corpus/<harness>), seeded from tests/data. Prints executions, coverage and corpus
# size per harness; exits 1 when one found a crash (the input is left in build-fuzz/artifacts/).
#
#   scripts/fuzz.sh [SECONDS] [HARNESS...]     e.g. scripts/fuzz.sh 600 fuzz_sse_parser
#   FUZZ_JOBS=2 scripts/fuzz.sh 600            two harnesses at a time
#   LLMGW_FUZZ_STRICT=1 scripts/fuzz.sh        fuzz_translate_stream also checks event order
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/deps.sh"

seconds="${1:-60}"
shift || true
build="$root/build-fuzz"
jobs="${FUZZ_JOBS:-1}"

llmgw_ensure_packages "${LLMGW_BUILD_PACKAGES[@]}" "${LLMGW_FUZZ_PACKAGES[@]}"
launcher=()
if command -v ccache >/dev/null; then
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLLMGW_FUZZ=ON \
    -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ "${launcher[@]}" >/dev/null
cmake --build "$build" -j2

all=(fuzz_sse_parser fuzz_http_request_stream fuzz_validate_chat fuzz_validate_messages
    fuzz_validate_responses fuzz_translate_request fuzz_translate_response fuzz_translate_stream
    fuzz_upstream_response fuzz_json_codecs)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")

rm -rf "$build/seeds"
python3 "$root/fuzz/make-seeds.py" "$root" "$build/seeds"
cat "$root/fuzz/dict/sse.dict" "$build/seeds/json.dict" >"$build/seeds/stream.dict"

dictionary() {
    case "$1" in
        fuzz_http_request_stream | fuzz_upstream_response) echo "$root/fuzz/dict/http.dict" ;;
        fuzz_sse_parser) echo "$root/fuzz/dict/sse.dict" ;;
        fuzz_translate_stream) echo "$build/seeds/stream.dict" ;;
        *) echo "$build/seeds/json.dict" ;;
    esac
}

run_one() {
    local target="$1"
    local corpus="$build/corpus/$target" artifacts="$build/artifacts/$target/"
    local log="$build/logs/$target.log"
    mkdir -p "$corpus" "$artifacts" "$build/logs" "$build/seeds/$target"
    # -timeout: an input that takes this long is a hang (the machine is shared: generous).
    # ASan's leak check runs at exit; a leak fails the run like a crash.
    "$build/fuzz/$target" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=4096 \
        -max_len=65536 -print_final_stats=1 -dict="$(dictionary "$target")" \
        -artifact_prefix="$artifacts" "$corpus" "$build/seeds/$target" >"$log" 2>&1
}

summary() {
    local target="$1" status="$2"
    local log="$build/logs/$target.log"
    local execs cov ft rate files verdict
    execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
    rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)"
    cov="$(grep -Eo 'cov: [0-9]+' "$log" | tail -n 1 | cut -d' ' -f2)"
    ft="$(grep -Eo 'ft: [0-9]+' "$log" | tail -n 1 | cut -d' ' -f2)"
    files="$(find "$build/corpus/$target" -type f | wc -l)"
    verdict=clean
    if [ "$status" -ne 0 ]; then
        verdict="FAILED (see $log; input in $build/artifacts/$target/)"
    fi
    printf '%-26s %12s %8s %7s %7s %8s  %s\n' "$target" "${execs:-?}" "${rate:-?}" "${cov:-?}" \
        "${ft:-?}" "$files" "$verdict"
}

echo "fuzz: ${#targets[@]} harness(es), ${seconds} s each, $jobs at a time"
declare -A status=()
pids=()
names=()
for target in "${targets[@]}"; do
    [ -x "$build/fuzz/$target" ] || { echo "fuzz: no harness $target" >&2; exit 2; }
    run_one "$target" &
    pids+=($!)
    names+=("$target")
    if [ ${#pids[@]} -ge "$jobs" ]; then
        set +e; wait "${pids[0]}"; status[${names[0]}]=$?; set -e
        pids=("${pids[@]:1}")
        names=("${names[@]:1}")
    fi
done
for i in "${!pids[@]}"; do
    set +e; wait "${pids[$i]}"; status[${names[$i]}]=$?; set -e
done

printf '%-26s %12s %8s %7s %7s %8s  %s\n' harness executions exec/s cov ft corpus result
failed=0
for target in "${targets[@]}"; do
    summary "$target" "${status[$target]}"
    [ "${status[$target]}" -eq 0 ] || failed=1
done
exit "$failed"
