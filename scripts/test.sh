#!/usr/bin/env bash
# `npm test`: installs what is missing, then typecheck, lint, unit tests, integration tests on SQLite and
# on a throwaway PostgreSQL server, the migration drift check, e2e in Debian's Chromium against a
# production build, and the two-instance run (PostgreSQL + S3). Runs every step, then prints one summary; exits non-zero if any step failed.
set -uo pipefail
cd "$(dirname "$0")/.."

export PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-/bin/false}"
export NEXT_TELEMETRY_DISABLED=1
export SRT_BCRYPT_COST=4 # fast hashes in tests; production keeps the default cost

missing=()
[ -x "${CHROMIUM_PATH:-/usr/bin/chromium}" ] || missing+=(chromium)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || command -v initdb >/dev/null || missing+=(postgresql)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "== installing ${missing[*]} (Debian packages)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null || exit 1
  else
    echo "Missing system packages: ${missing[*]}. Install them with:"
    echo "  sudo apt-get install -y ${missing[*]}"
    exit 1
  fi
fi
if [ ! -d node_modules/.bin ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "== npm ci"
  npm ci --no-audit --no-fund || exit 1
fi
node scripts/db/generate.mjs || exit 1

results=.tmp/test-results
rm -rf "$results" && mkdir -p "$results"
failed=()
step() {
  local name=$1
  shift
  echo
  echo "== $name"
  local started=$SECONDS
  if "$@"; then echo "== $name: ok ($((SECONDS - started)) s)"; else
    echo "== $name: FAILED ($((SECONDS - started)) s)"
    failed+=("$name")
  fi
}
vitest() { node_modules/.bin/vitest run --project "$1" --reporter=default --reporter=json --outputFile.json="$results/$2.json"; }

step typecheck node_modules/.bin/tsc --noEmit -p .
step lint node_modules/.bin/eslint . --max-warnings=0
step unit vitest unit unit
step "integration (SQLite)" vitest integration integration-sqlite
step "integration (PostgreSQL) + db:check" scripts/with-postgres.sh bash -c "
  SRT_TEST_DB=postgresql node_modules/.bin/vitest run --project integration --reporter=default --reporter=json --outputFile.json=$results/integration-postgresql.json
  status=\$?
  node_modules/.bin/tsx --import ./bin/server-runtime.mjs scripts/db/cli.ts check || status=1
  exit \$status"
step build node_modules/.bin/next build
step e2e node_modules/.bin/playwright test
# The same app on PostgreSQL: migrations, seed, sign-in, roles and project pages through a real browser.
step "e2e smoke (PostgreSQL)" scripts/with-postgres.sh bash -c '
  E2E_DATABASE_URL=$POSTGRES_URL E2E_REPORT='"$results"'/e2e-postgresql.json node_modules/.bin/playwright test e2e/foundation.spec.ts'
# Two instances on one PostgreSQL database and one S3 bucket (s3rver): sessions, images and exports
# cross instances (e2e-scale/, playwright.scale.config.ts; uses the build above).
step "scale: two instances (PostgreSQL + S3)" env E2E_REPORT="$results/e2e-scale.json" bash scripts/test-scale.sh

echo
node scripts/test-summary.mjs "$results" "${failed[@]}"
[ ${#failed[@]} -eq 0 ]
