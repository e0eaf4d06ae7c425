#!/usr/bin/env bash
# A throwaway PostgreSQL server for development and tests, listening on 127.0.0.1 only, with
# trust authentication (no password): never expose it.
#
#   scripts/pg-local.sh [start]   start it (creating the cluster and database on first use);
#                                 prints the DATABASE_URL on stdout, everything else on stderr
#   scripts/pg-local.sh stop      stop it (the data stays)
#   scripts/pg-local.sh destroy   stop it and delete its data
#   scripts/pg-local.sh url       print the DATABASE_URL of a started server
#
#   export DATABASE_URL=$(scripts/pg-local.sh)                  # the app on PostgreSQL
#   export TEST_DATABASE_URL_PG=$(scripts/pg-local.sh)          # npx vitest run includes db/postgres.test.ts
#
# Settings (environment): PG_LOCAL_DIR (default ${TMPDIR:-/tmp}/carec-pipeline-pg-$UID),
# PG_LOCAL_PORT (default 55432; the next free port is taken if busy), PG_LOCAL_DB (default carec).
# Run as root, the server runs as the `postgres` user (initdb refuses root).
set -euo pipefail

command=${1:-start}
dir=${PG_LOCAL_DIR:-${TMPDIR:-/tmp}/carec-pipeline-pg-$(id -u)}
data=$dir/data
database=${PG_LOCAL_DB:-carec}
superuser=postgres

say() { echo "pg-local: $*" >&2; }
die() { say "$*"; exit 1; }

bindir() {
  local candidate
  if command -v pg_config >/dev/null 2>&1; then
    candidate=$(pg_config --bindir)
    [[ -x $candidate/initdb ]] && { echo "$candidate"; return; }
  fi
  # Debian keeps the server programs out of PATH, one folder per major version: take the newest.
  candidate=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [[ -n $candidate && -x $candidate/initdb ]] && { echo "$candidate"; return; }
  command -v initdb >/dev/null 2>&1 && { dirname "$(command -v initdb)"; return; }
  die "PostgreSQL server programs not found (Debian: apt-get install postgresql)"
}
BIN=$(bindir)

# Runs a command as the cluster's owner: `postgres` when we are root, ourselves otherwise.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

running() { [[ -f $data/postmaster.pid ]] && as_owner "$BIN/pg_ctl" -D "$data" status >/dev/null 2>&1; }

url() { echo "postgres://$superuser@127.0.0.1:$(cat "$dir/port")/$database"; }

start() {
  if running; then
    say "already running in $data"
    url
    return
  fi
  mkdir -p "$dir"
  if [[ $(id -u) -eq 0 ]]; then
    id postgres >/dev/null 2>&1 || die "as root this needs the postgres user (created by the postgresql package)"
    chown postgres: "$dir"
  fi
  if [[ ! -f $data/PG_VERSION ]]; then
    say "creating a cluster in $data"
    as_owner "$BIN/initdb" -D "$data" --username="$superuser" --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
      { cat "$dir/initdb.log" >&2; die "initdb failed"; }
  fi
  local port=${PG_LOCAL_PORT:-55432}
  while port_in_use "$port"; do port=$((port + 1)); done
  echo "$port" >"$dir/port"
  # The socket goes into our own folder: /var/run/postgresql may not exist or be writable.
  as_owner "$BIN/pg_ctl" -D "$data" -l "$dir/server.log" -w -t 60 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >&2 || { tail -n 20 "$dir/server.log" >&2; die "the server did not start"; }
  if ! as_owner "$BIN/psql" -h 127.0.0.1 -p "$port" -U "$superuser" -d postgres -tAc \
    "select 1 from pg_database where datname = '$database'" | grep -q 1; then
    as_owner "$BIN/createdb" -h 127.0.0.1 -p "$port" -U "$superuser" "$database"
  fi
  say "running on 127.0.0.1:$port (data and log in $dir); stop with: $0 stop"
  url
}

stop() {
  if running; then
    as_owner "$BIN/pg_ctl" -D "$data" -m fast -w stop >&2
  else
    say "not running"
  fi
}

case $command in
  start) start ;;
  stop) stop ;;
  destroy) stop; rm -rf "$dir" ;;
  url) running || die "not running (start it with: $0)"; url ;;
  *) die "unknown command $command (start, stop, destroy, url)" ;;
esac
