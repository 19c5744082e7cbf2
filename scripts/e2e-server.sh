#!/usr/bin/env bash
# Serves the production build for the e2e tests on a fresh SQLite database with the demo data and
# one account per role (e2e/fixtures/accounts.ts). Usage: scripts/e2e-server.sh <port>
set -euo pipefail
port=${1:-3100}
root=.tmp/e2e-$port
rm -rf "$root"
mkdir -p "$root"
export DATABASE_URL="${E2E_DATABASE_URL:-file:$root/srt.db}"
export STORAGE_DIR="$root/assets"
export SRT_DATA_DIR="$root"
export NEXTAUTH_SECRET=e2e-secret-not-for-production
# No NEXTAUTH_URL: the suite checks that sign-in and sign-out follow the request's host and port.
unset NEXTAUTH_URL
export NEXT_TELEMETRY_DISABLED=1
export SRT_BCRYPT_COST=4
# e2e/evaluations.spec.ts starts the fake VLM (lib/models/testing) here; prepare.ts adds it as an endpoint.
export E2E_FAKE_VLM_URL="http://127.0.0.1:$((port + 1000))/v1"
node_modules/.bin/tsx --import ./bin/server-runtime.mjs scripts/db/cli.ts migrate
node_modules/.bin/tsx --import ./bin/server-runtime.mjs e2e/fixtures/prepare.ts
exec node_modules/.bin/next start -H 127.0.0.1 -p "$port"
