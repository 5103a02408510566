#!/usr/bin/env bash
# A private, throw-away PostgreSQL server for the store's tests.
#
#   uri=$(bash scripts/pg_test_server.sh start DIR [durable])   # prints the URI
#   NEWSLOOM_TEST_POSTGRES="$uri" ctest --test-dir build -R Postgres
#   bash scripts/pg_test_server.sh stop DIR
#
# DIR (created; must not exist or be empty) holds the cluster, its log and
# its Unix socket; the server listens on no TCP port, runs with fsync off
# (a test server; with "durable", as shipped: fsync and full page writes on,
# for load figures), and trusts local connections as user "newsloom". The
# test database "newsloom_test" (UTF8) gets the unaccent extension, which
# the store's full-text index uses. Uses Debian's postgresql package
# (scripts/setup.sh installs it). PostgreSQL refuses to run as root: as
# root the server runs as the "postgres" user the package creates.
set -euo pipefail

cmd=${1:-}
dir=${2:-}
durable=${3:-}
if [[ -z "$cmd" || -z "$dir" || ( -n "$durable" && "$durable" != durable ) ]]; then
  echo "usage: $0 start DIR [durable] | stop DIR" >&2
  exit 2
fi
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [[ -z "$bin" ]]; then
  echo "pg_test_server: PostgreSQL is not installed (apt-get install postgresql)" >&2
  exit 1
fi
port=5439

as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

case "$cmd" in
  start)
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; fi
    as_owner "$bin/initdb" -D "$dir/data" -U newsloom --auth=trust -E UTF8 \
        --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; exit 1; }
    unsafe="-c fsync=off -c full_page_writes=off"
    [[ -n "$durable" ]] && unsafe=""
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
        -o "-c listen_addresses='' -k $dir -p $port $unsafe -c max_connections=200" \
        start >/dev/null ||
      { cat "$dir/server.log" >&2; exit 1; }
    psql=("$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U newsloom)
    "${psql[@]}" -d postgres -c "CREATE DATABASE newsloom_test ENCODING 'UTF8' TEMPLATE template0" >/dev/null
    "${psql[@]}" -d newsloom_test -c "CREATE EXTENSION unaccent" >/dev/null
    echo "postgresql:///newsloom_test?host=$dir&port=$port&user=newsloom"
    ;;
  stop)
    if [[ -d "$dir/data" ]]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start DIR [durable] | stop DIR" >&2
    exit 2
    ;;
esac
