#!/bin/sh
# A throwaway PostgreSQL cluster on 127.0.0.1 for tests and benchmarks (never for production).
#   scripts/pg-cluster.sh start DIR PORT [fast]   initdb DIR if needed, start it, create the role
#                                                 and database "mamori"; prints the URL last
#   scripts/pg-cluster.sh stop DIR                stop it (the folder stays; rm -rf it yourself)
# Idempotent: a cluster already running in DIR is stopped and started again; a DIR that is not a
# cluster (or a broken one) is replaced. As root the server runs as the "postgres" user (initdb
# refuses root). "fast" turns off fsync: for test databases that die with the run, not for
# benchmarks that claim durable commits.
# Finds initdb and pg_ctl on PATH or in /usr/lib/postgresql/*/bin (Debian's postgresql package).
set -eu

usage() {
  echo "usage: $0 start DIR PORT [fast] | stop DIR" >&2
  exit 64
}
[ "$#" -ge 2 ] || usage
action=$1
dir=$2

bindir=""
if command -v initdb >/dev/null 2>&1; then
  # Debian links only some tools onto PATH; psql is looked up beside the real initdb.
  bindir=$(dirname "$(readlink -f "$(command -v initdb)")")
else
  for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$d/initdb" ]; then bindir=$d; break; fi
  done
fi
[ -n "$bindir" ] || { echo "$0: initdb not found (apt-get install postgresql)" >&2; exit 69; }

as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

case "$action" in
stop)
  if [ -f "$dir/PG_VERSION" ]; then as_owner "$bindir/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 || true; fi
  exit 0
  ;;
start)
  [ "$#" -ge 3 ] || usage
  port=$3
  fast=${4:-}
  ;;
*) usage ;;
esac

# A cluster left running (a previous CI run, an interrupted bench) is stopped first.
if [ -f "$dir/postmaster.pid" ]; then as_owner "$bindir/pg_ctl" -D "$dir" -m immediate -w stop >/dev/null 2>&1 || true; fi
if [ ! -f "$dir/PG_VERSION" ]; then
  rm -rf "$dir"
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$dir"; fi
  chmod 700 "$dir"
  # trust on 127.0.0.1 only: a throwaway cluster for this machine's tests.
  as_owner "$bindir/initdb" -D "$dir" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
fi

opts="-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories='' -c max_connections=300"
if [ "$fast" = fast ]; then opts="$opts -c fsync=off -c synchronous_commit=off -c full_page_writes=off"; fi
as_owner "$bindir/pg_ctl" -D "$dir" -l "$dir/server.log" -o "$opts" -w -t 60 start >/dev/null || {
  echo "$0: PostgreSQL did not start; its log:" >&2
  tail -n 20 "$dir/server.log" >&2 || true
  exit 1
}

psql_admin() {
  as_owner "$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U postgres -d postgres "$@"
}
# The test harness gives every test world a schema of its own in this database (CREATEDB: spare).
role=$(psql_admin -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'mamori'")
if [ "$role" != 1 ]; then
  psql_admin -c "CREATE ROLE mamori LOGIN CREATEDB PASSWORD 'mamori'"
fi
# Benchmarks checkpoint after seeding, so that the seed's checkpoint does not land in a measurement.
psql_admin -c "SET client_min_messages = warning; DO \$\$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pg_checkpoint') THEN GRANT pg_checkpoint TO mamori; END IF; END \$\$"
database=$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = 'mamori'")
if [ "$database" != 1 ]; then
  psql_admin -c "CREATE DATABASE mamori OWNER mamori"
fi
echo "postgres://mamori:mamori@127.0.0.1:$port/mamori"
