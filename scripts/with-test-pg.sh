#!/usr/bin/env bash
# Runs a command (npm test: `vitest run`) with TEST_DATABASE_URL_PG set, so db/postgres.test.ts
# is included:
#   - already set (a server of your own): runs the command as it is;
#   - else, PostgreSQL's server programs installed: starts a throwaway cluster on a free loopback
#     port (scripts/pg-local.sh in a temporary folder), runs the command, then stops and deletes it;
#   - else: runs the command without PostgreSQL, saying so.
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ -n ${TEST_DATABASE_URL_PG:-} ]]; then
  exec "$@"
fi

if ! command -v pg_config >/dev/null 2>&1 && ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null && ! command -v initdb >/dev/null 2>&1; then
  echo "with-test-pg: PostgreSQL server programs not found; the PostgreSQL tests are left out (apt-get install postgresql)." >&2
  exec "$@"
fi

PG_LOCAL_DIR=$(mktemp -d "${TMPDIR:-/tmp}/carec-test-pg.XXXXXX")
export PG_LOCAL_DIR
cleanup() {
  scripts/pg-local.sh destroy >/dev/null 2>&1 || true
  rm -rf "$PG_LOCAL_DIR"
}
trap cleanup EXIT
TEST_DATABASE_URL_PG=$(PG_LOCAL_PORT=${PG_LOCAL_PORT:-55433} scripts/pg-local.sh start 2>"$PG_LOCAL_DIR.log") ||
  { cat "$PG_LOCAL_DIR.log" >&2; rm -f "$PG_LOCAL_DIR.log"; exit 1; }
rm -f "$PG_LOCAL_DIR.log"
export TEST_DATABASE_URL_PG
echo "with-test-pg: PostgreSQL tests against $TEST_DATABASE_URL_PG" >&2
"$@"
