#!/usr/bin/env bash
# Makes the README's pictures under Xvfb: every dashboard page, the tray menu (a trayer tray
# host stands in for the desktop's panel) and the chat window, in English and Simplified
# Chinese, into docs/screenshots/. The pictures show the real windows on a demo setup (DeepSeek with a key,
# a local Ollama, a few routes); see tests/tools/ScreenshotTool.cpp and tests/chat/ChatScreenshot.cpp.
# Not part of CI. LLMGW_SCREENSHOTS_NO_BUILD=1 skips the build (the tools are already built).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/deps.sh"

llmgw_ensure_packages "${LLMGW_BUILD_PACKAGES[@]}" "${LLMGW_SCREENSHOT_PACKAGES[@]}"
if [ -z "${LLMGW_SCREENSHOTS_NO_BUILD:-}" ]; then
    llmgw_build "$root"
fi

out="$root/docs/screenshots"
mkdir -p "$out"
# A throwaway HOME: nothing of the user's settings or keyring is read or written.
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share"
export XDG_RUNTIME_DIR="$home/run"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
unset DISPLAY WAYLAND_DISPLAY

for lang in en zh_CN; do
    xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
        trayer --edge top --align right --widthtype pixel --width 160 --height 28 \
               --transparent true --alpha 0 --tint 0x2e3440 --SetDockType true >/dev/null 2>&1 &
        tray=$!
        sleep 1
        QT_QPA_PLATFORM=xcb "$0" --out "$1" --lang "$2"
        status=$?
        kill "$tray" 2>/dev/null || true
        exit "$status"
    ' "$root/build/tests/llmgw-screenshots" "$out" "$lang"
    # The chat window with a sample conversation (folded reasoning, Markdown, a code block).
    suffix=""
    [ "$lang" = en ] || suffix="-$lang"
    xvfb-run -a -s "-screen 0 1280x800x24" env QT_QPA_PLATFORM=xcb \
        "$root/build/bin/chat-screenshot" "$out/chat$suffix.png" --language "$lang"
done
ls -l "$out"
