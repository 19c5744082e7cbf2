#!/usr/bin/env bash
# npm run test:scale: the several-instance run (e2e-scale/, playwright.scale.config.ts) on a throwaway
# PostgreSQL server, s3rver and two `next start` instances of the production build. Builds first when
# there is no build, or always with --build (scripts/test.sh builds once before it).
set -euo pipefail
cd "$(dirname "$0")/.."
export PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-/bin/false}"
export NEXT_TELEMETRY_DISABLED=1
export SRT_BCRYPT_COST=4
if [ "${1:-}" = "--build" ]; then shift; node_modules/.bin/next build; fi
[ -f .next/BUILD_ID ] || node_modules/.bin/next build
exec scripts/with-postgres.sh node_modules/.bin/playwright test -c playwright.scale.config.ts "$@"
