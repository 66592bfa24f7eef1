# Shared by run.sh, test.sh and bench.sh: installs the Debian/Ubuntu packages the build, the
# tests and the benchmark need, when any is missing. Sourced, not run.

# Qt Charts (the usage page) needs Qt6OpenGL's CMake files, which Debian 12's qt6-charts-dev
# does not pull in: libqt6opengl6-dev is listed for it. qt6-translations-l10n: Qt's own texts
# (standard buttons, file dialogs, JSON parse errors) in the Chinese interface.
LLMGW_BUILD_PACKAGES=(
    cmake ninja-build g++ pkg-config
    qt6-base-dev qtkeychain-qt6-dev
    qt6-tools-dev qt6-l10n-tools qt6-tools-dev-tools libqt6sql6-sqlite libsqlite3-dev
    qt6-charts-dev libqt6opengl6-dev
    libgl-dev
    qt6-translations-l10n
)
# The tests' services: a private D-Bus session with gnome-keyring (keychain tests),
# curl as an outside client, openssl (a TLS server with a session cache, for the resumption
# test); the package metadata validators.
LLMGW_TEST_PACKAGES=(
    dbus dbus-x11 gnome-keyring libsecret-1-0 libsecret-tools curl xvfb xauth openssl
    appstream desktop-file-utils
)
# scripts/screenshots.sh (not in CI): an X server with a tray host, a CJK font for the Chinese
# pictures; scripts/icons.sh: an SVG renderer.
LLMGW_SCREENSHOT_PACKAGES=(
    xvfb xauth trayer imagemagick fonts-wqy-microhei
)
LLMGW_ICON_PACKAGES=(
    librsvg2-bin
)

# Only for scripts/fuzz.sh (not CI): clang with libFuzzer's runtime, and python3 for the seeds.
LLMGW_FUZZ_PACKAGES=(
    clang libclang-rt-dev python3
)

llmgw_ensure_packages() {
    local missing=()
    local pkg
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$pkg")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return 0
    fi
    echo "Installing missing packages: ${missing[*]}" >&2
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        sudo="sudo"
    fi
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# llmgw_build ROOT [BUILD_DIR [CMAKE_ARGS...]]: configures and builds (default ROOT/build).
llmgw_build() {
    local root="$1"
    local dir="${2:-$root/build}"
    shift $(($# < 2 ? $# : 2))
    cmake -S "$root" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="${LLMGW_BUILD_TYPE:-RelWithDebInfo}" "$@" >/dev/null
    cmake --build "$dir" -j2
}
