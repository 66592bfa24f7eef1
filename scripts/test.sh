#!/usr/bin/env bash
# Installs what a fresh Debian 12 / Ubuntu 24.04 machine lacks, builds in build/, and runs
# every test with ctest inside a private D-Bus session that has an unlocked gnome-keyring.
#
#   scripts/test.sh [CTEST_ARGS...]               the normal build (build/)
#   scripts/test.sh --sanitize [CTEST_ARGS...]    the same suite built with AddressSanitizer,
#                                                 LeakSanitizer and UBSan (build-asan/); any
#                                                 report fails the test that caused it
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/deps.sh"

build="$root/build"
timeout=300
sanitize_args=()
if [ "${1:-}" = "--sanitize" ]; then
    shift
    build="$root/build-asan"
    timeout=900
    # -O1: the sanitizers' checks stay, the build and the run stay inside CI's time.
    sanitize_args=(-DLLMGW_SANITIZE=ON "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g")
    # halt_on_error: the first report ends the process with a failure. Leaks are checked at
    # exit; the only suppression is OpenSSL's global state (scripts/lsan.supp).
    export ASAN_OPTIONS="detect_leaks=1:halt_on_error=1:detect_stack_use_after_return=1:strict_init_order=1:check_initialization_order=1"
    export LSAN_OPTIONS="suppressions=$root/scripts/lsan.supp:print_suppressions=0"
    export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
fi

llmgw_ensure_packages "${LLMGW_BUILD_PACKAGES[@]}" "${LLMGW_TEST_PACKAGES[@]}"
llmgw_build "$root" "$build" "${sanitize_args[@]}"

# A throwaway HOME: the keyring, config and data of the tests never touch the user's.
test_home="$(mktemp -d)"
trap 'rm -rf "$test_home"' EXIT
log="$test_home/ctest.log"

export HOME="$test_home"
export XDG_CONFIG_HOME="$test_home/.config" XDG_DATA_HOME="$test_home/.local/share"
export XDG_RUNTIME_DIR="$test_home/run"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
export QT_QPA_PLATFORM=offscreen
export LLMGW_SOURCE_DIR="$root"

# gnome-keyring needs a non-empty password on stdin, or it asks for one in a dialog.
set +e
dbus-run-session -- bash -c '
    printf "llm-gateway-tests" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
    ctest --test-dir "$0" -j2 --output-on-failure --timeout "$1" "${@:2}"
' "$build" "$timeout" "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# A run that executed no test is a failure, not a success.
if ! grep -Eq "tests passed, [0-9]+ tests failed out of [1-9][0-9]*" "$log"; then
    echo "scripts/test.sh: ctest ran no test" >&2
    exit 1
fi
exit "$status"
