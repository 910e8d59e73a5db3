#!/usr/bin/env bash
# A throwaway PostgreSQL for tests, on loopback, in a fresh data directory.
#   scripts/postgres.sh start DIR PORT   -> prints the server's base URL
#   scripts/postgres.sh stop DIR
# PostgreSQL refuses to run as root, so as root it runs as the `postgres` user.
set -euo pipefail
PGBIN=${PGBIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}
cmd=$1 dir=$2

as_pg() {
  # From /, which the postgres user can always enter.
  if [ "$(id -u)" = 0 ]; then (cd / && su postgres -s /bin/bash -c "$*"); else bash -c "$*"; fi
}

case "$cmd" in
  start)
    port=$3
    if [ -z "$PGBIN" ] || [ ! -x "$PGBIN/initdb" ]; then
      echo "==> installing the PostgreSQL server from Debian" >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
      PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    fi
    rm -rf "$dir"; mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$dir"
    chmod 700 "$dir"
    as_pg "$PGBIN/initdb -D '$dir' -U postgres --auth=trust -E UTF8 --no-locale" >/dev/null
    # Every test's server keeps its pool (4 connections) until the test binary exits, and
    # the API suite passed 80 servers (webhook tests spawn a second one), more than 300.
    as_pg "$PGBIN/pg_ctl -D '$dir' -l '$dir/log' -w -o \"-p $port -c listen_addresses=127.0.0.1 -k '$dir' -c fsync=off -c max_connections=1000\" start" >/dev/null
    echo "postgres://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    [ -f "$dir/postmaster.pid" ] && as_pg "$PGBIN/pg_ctl -D '$dir' -m fast -w stop" >/dev/null || true
    rm -rf "$dir"
    ;;
  *) echo "usage: $0 start DIR PORT | stop DIR" >&2; exit 2 ;;
esac
