#!/bin/sh
# Chromium in one of the chaos bench's browser network namespaces
# (bench/chaos/network.mjs). Playwright launches this as the browser's
# executable; it writes its own pid (which stays the browser's: nsenter and
# Debian's /usr/bin/chromium both exec) for the bench to SIGKILL, then enters
# the namespace and becomes Chromium.
set -eu
: "${CP_CHAOS_NETNS:?}" "${CP_CHAOS_PIDFILE:?}" "${CP_CHAOS_CHROMIUM:?}"
echo $$ > "$CP_CHAOS_PIDFILE"
exec nsenter --net="$CP_CHAOS_NETNS" "$CP_CHAOS_CHROMIUM" "$@"
