#!/usr/bin/env bash
# Runs a command (the end-to-end tests) in a private network namespace of its
# own: loopback plus a veth pair that exists nowhere else. WebRTC between the
# test's browsers then uses host candidates on that pair, every packet stays
# inside the namespace, and nothing a test starts can reach or be reached
# from any real network. Chromium gathers no ICE candidates on loopback
# alone, hence the veth pair and its default route.
#
# Where no namespace can be made (no unshare, no user namespaces), the
# command runs on this machine's network as it is, with a note.
set -euo pipefail

if [ -z "${CP_PRIVATE_NET:-}" ]; then
  if [ "$(id -u)" -eq 0 ]; then flags=(--net); else flags=(--map-root-user --net); fi
  if command -v unshare >/dev/null && command -v ip >/dev/null && unshare "${flags[@]}" true 2>/dev/null; then
    exec env CP_PRIVATE_NET=1 unshare "${flags[@]}" bash "$0" "$@"
  fi
  echo "note: no private network namespace here; the tests use this machine's network" >&2
  exec "$@"
fi

ip link set lo up
ip link add cp-a type veth peer name cp-b
ip addr add 10.77.0.1/24 dev cp-a
ip addr add 10.77.0.2/24 dev cp-b
ip link set cp-a up
ip link set cp-b up
ip route add default via 10.77.0.2 dev cp-a
exec "$@"
