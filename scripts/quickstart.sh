#!/usr/bin/env bash
# `npm run quickstart`: install, generate, migrate the embedded SQLite database, seed the demo, build,
# and serve on http://localhost:3000 (PORT to change it). Safe to run again: nothing is duplicated.
set -euo pipefail
cd "$(dirname "$0")/.."
export PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-/bin/false}"
export NEXT_TELEMETRY_DISABLED=1
port=${PORT:-3000}

if [ ! -d node_modules/.bin ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== Installing dependencies (npm ci; better-sqlite3 compiles, ~3 min the first time)"
  npm ci --no-audit --no-fund
fi
echo "== Generating the Prisma clients"
node scripts/db/generate.mjs
echo "== Migrating the database (${DATABASE_URL:-data/srt.db})"
node_modules/.bin/tsx --import ./bin/server-runtime.mjs scripts/db/cli.ts migrate
echo "== Seeding the demo project"
login=$(node_modules/.bin/tsx --import ./bin/server-runtime.mjs scripts/seed.ts)
echo "$login"
echo "== Building"
node_modules/.bin/next build
echo
echo "SRT Studio is starting on http://localhost:$port"
echo "$login" | grep -i -A3 "admin" || true
echo
exec node_modules/.bin/next start -p "$port"
