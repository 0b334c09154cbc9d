#!/usr/bin/env bash
# The services a relay cluster runs on, for tests and benchmarks: a Redis and
# a PostgreSQL of their own, on 127.0.0.1, on free ports, with their data in a
# fresh temporary directory, so they touch nothing else on the machine.
#
#   scripts/relay-services.sh start   starts both; prints the lines to eval:
#                                     COMMAND_POST_RELAY_REDIS=redis://...
#                                     COMMAND_POST_RELAY_POSTGRES=postgres://...
#                                     COMMAND_POST_RELAY_SERVICES=<their directory>
#   scripts/relay-services.sh stop <directory>
#                                     stops both and removes the directory
#
# Needs Debian's redis-server and postgresql (.ci/run installs them). As root,
# PostgreSQL runs as the postgres user (it refuses to run as root).
set -euo pipefail

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

pg_bin() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$found" ]; then
    echo "PostgreSQL is not installed (Debian: apt-get install postgresql)." >&2
    exit 1
  fi
  echo "$found"
}

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  command -v redis-server >/dev/null || { echo "Redis is not installed (Debian: apt-get install redis-server)." >&2; exit 1; }
  local dir bin redis_port pg_port
  dir=$(mktemp -d /tmp/command-post-relay-services.XXXXXX)
  chmod 755 "$dir"
  bin=$(pg_bin)

  redis_port=$(free_port)
  redis-server --bind 127.0.0.1 --port "$redis_port" --save '' --appendonly no \
    --dir "$dir" --daemonize yes --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >/dev/null

  mkdir "$dir/pg"
  [ "$(id -u)" -eq 0 ] && chown postgres "$dir/pg"
  as_postgres "$bin/initdb" -D "$dir/pg" -A trust -U relay --no-sync >"$dir/initdb.log" 2>&1
  pg_port=$(free_port)
  as_postgres "$bin/pg_ctl" -D "$dir/pg" -l "$dir/pg/server.log" -w \
    -o "-h 127.0.0.1 -p $pg_port -k $dir/pg -c fsync=off" start >/dev/null

  for _ in $(seq 1 50); do
    redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break
    sleep 0.1
  done
  echo "COMMAND_POST_RELAY_REDIS=redis://127.0.0.1:$redis_port"
  echo "COMMAND_POST_RELAY_POSTGRES=postgres://relay@127.0.0.1:$pg_port/postgres"
  echo "COMMAND_POST_RELAY_SERVICES=$dir"
}

stop() {
  local dir=${1:?the directory start printed}
  case "$dir" in /tmp/command-post-relay-services.*) ;; *) echo "not a services directory: $dir" >&2; exit 1 ;; esac
  if [ -f "$dir/redis.pid" ]; then kill "$(cat "$dir/redis.pid")" 2>/dev/null || true; fi
  if [ -f "$dir/pg/postmaster.pid" ]; then as_postgres "$(pg_bin)/pg_ctl" -D "$dir/pg" -m immediate stop >/dev/null 2>&1 || true; fi
  rm -rf "$dir"
}

case "${1:-}" in
  start) start ;;
  stop) stop "${2:-}" ;;
  *) echo "usage: $0 start | stop <directory>" >&2; exit 2 ;;
esac
