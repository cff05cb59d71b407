#!/bin/sh
# Run a command with a real, unlocked Secret Service (gnome-keyring) on a private session bus,
# under a throwaway HOME, so that tests never touch the developer's own keyring.
#   scripts/with-keychain.sh npx vitest run electron/
# Needs the Debian packages dbus and gnome-keyring.
set -eu
if [ "$#" -eq 0 ]; then
  echo "usage: $0 command [args...]" >&2
  exit 64
fi
for tool in dbus-run-session gnome-keyring-daemon; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$0: $tool is missing (apt-get install dbus gnome-keyring)" >&2; exit 69; }
done

HOME=$(mktemp -d "${TMPDIR:-/tmp}/mamori-home.XXXXXX")
XDG_DATA_HOME="$HOME/.local/share"
XDG_RUNTIME_DIR="$HOME"
export HOME XDG_DATA_HOME XDG_RUNTIME_DIR
# No display: an unlock prompt must fail at once instead of appearing on someone's screen.
unset DISPLAY WAYLAND_DISPLAY DBUS_SESSION_BUS_ADDRESS
# A fresh HOME has no npm state; keep npx from printing an update notice into test output.
npm_config_update_notifier=false
export npm_config_update_notifier
trap 'rm -rf "$HOME"' EXIT

# Inside the private bus: create and unlock the login keyring with a fixed password, then
# --start, which returns only once the secrets component owns its bus name (after --unlock
# alone the first call can race the daemon's start).
dbus-run-session -- sh -c '
  echo mamori-test | gnome-keyring-daemon --unlock --components=secrets >/dev/null &&
  gnome-keyring-daemon --start --components=secrets >/dev/null 2>&1 &&
  exec "$@"' with-keychain "$@"
