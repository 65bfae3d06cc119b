#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster on loopback for the store's test-suite and print its URL.
#
#   export COUNTERCLAIM_TEST_PG="$(scripts/start_test_postgres.sh)"
#
# Uses Debian's server binaries (/usr/lib/postgresql/<major>/bin). Data lives in $PGDATA_DIR
# (default /tmp/counterclaim-pg) and is wiped on each start; trust auth on 127.0.0.1 only.
# Stop it with: scripts/start_test_postgres.sh stop
set -euo pipefail

PORT="${PGPORT_TEST:-5433}"
DATA="${PGDATA_DIR:-/tmp/counterclaim-pg}"
DB="counterclaim_test"
BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
if [ -z "$BIN" ]; then
  echo "no PostgreSQL server binaries under /usr/lib/postgresql (apt-get install postgresql)" >&2
  exit 2
fi

# initdb refuses to run as root: run the server as the 'postgres' system user when we are root.
as_owner() {
  if [ "$(id -u)" = 0 ]; then su postgres -s /bin/sh -c "$*"; else sh -c "$*"; fi
}

if [ "${1:-}" = "stop" ]; then
  as_owner "'$BIN/pg_ctl' -D '$DATA' -m fast stop" >&2 || true
  exit 0
fi

if [ -f "$DATA/postmaster.pid" ]; then
  as_owner "'$BIN/pg_ctl' -D '$DATA' -m immediate stop" >/dev/null 2>&1 || true
fi
rm -rf "$DATA"
mkdir -p "$DATA"
if [ "$(id -u)" = 0 ]; then chown postgres: "$DATA"; fi

as_owner "'$BIN/initdb' -D '$DATA' -U postgres --auth=trust -E UTF8 --locale=C.UTF-8" >/dev/null
as_owner "'$BIN/pg_ctl' -D '$DATA' -l '$DATA/server.log' -w \
  -o \"-c listen_addresses=127.0.0.1 -p $PORT -k '$DATA' -c fsync=off -c synchronous_commit=off\" start" >/dev/null
as_owner "'$BIN/createdb' -h 127.0.0.1 -p $PORT -U postgres $DB"

echo "postgresql://postgres@127.0.0.1:$PORT/$DB"
