#!/usr/bin/env bash
# Serves the already-built app (run `npm run build` first) for the Playwright run, on its own
# fresh SQLite database: deleted, migrated and seeded with the demo accounts and plan every time.
set -euo pipefail
cd "$(dirname "$0")/../.."

PORT="${E2E_PORT:-3210}"
DIR="tests/.tmp/e2e/$PORT"
DB="$DIR/e2e.db"

if [ ! -f build/server/index.js ]; then
  echo "build/server/index.js is missing: run 'npm run build' before the e2e tests." >&2
  exit 1
fi

rm -rf "$DIR"
mkdir -p "$DIR"

# The seed script refuses NODE_ENV=production (it creates demo accounts); it migrates first.
env -u NODE_ENV DATABASE_URL="$DB" npm run --silent db:seed

exec env DATABASE_URL="$DB" TWO_FACTOR_SECRET_KEY="e2e-only-key-of-at-least-32-characters" PORT="$PORT" HOST=127.0.0.1 npx tsx server/index.ts
