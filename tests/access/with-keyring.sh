#!/bin/sh
# Runs one test in its own private D-Bus session with an unlocked gnome-keyring, under a
# throwaway HOME, so the real keychain tests never touch the user's keyring and do not
# depend on the session the caller happens to have.
set -u
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT INT TERM
mkdir -p "$home/run" && chmod 700 "$home/run"
export HOME="$home" XDG_CONFIG_HOME="$home/.config" XDG_DATA_HOME="$home/.local/share" \
       XDG_RUNTIME_DIR="$home/run"
unset DISPLAY WAYLAND_DISPLAY
# gnome-keyring needs a non-empty password on stdin, or it asks for one in a dialog.
dbus-run-session -- sh -c '
    printf "llm-gateway-tests" | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
    exec "$@"' sh "$@"
