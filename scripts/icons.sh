#!/usr/bin/env bash
# Renders the SVG sources in resources/icons/svg to the PNGs the app and the package use
# (committed, so neither the build nor CI needs an SVG renderer). Run after editing an SVG.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/deps.sh"
llmgw_ensure_packages "${LLMGW_ICON_PACKAGES[@]}"
svg="$root/resources/icons/svg"
out="$root/resources/icons"

# The application icon at the hicolor sizes (16-512 px), for the package and the windows.
mkdir -p "$out/app"
for size in 16 22 24 32 48 64 128 256 512; do
    rsvg-convert -w "$size" -h "$size" "$svg/llm-gateway.svg" -o "$out/app/llm-gateway-$size.png"
done
# Tray states at the sizes tray hosts ask for.
mkdir -p "$out/tray"
for state in serving warning paused error starting; do
    for size in 16 22 24 32 48 64; do
        rsvg-convert -w "$size" -h "$size" "$svg/tray-$state.svg" -o "$out/tray/$state-$size.png"
    done
done
# Dashboard page icons, plain and for high-DPI screens.
mkdir -p "$out/pages"
for page in overview providers routes connect settings logs usage chat; do
    rsvg-convert -w 24 -h 24 "$svg/page-$page.svg" -o "$out/pages/$page.png"
    rsvg-convert -w 48 -h 48 "$svg/page-$page.svg" -o "$out/pages/$page@2x.png"
done
echo "icons written under $out"
