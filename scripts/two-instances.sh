#!/usr/bin/env bash
# Two app instances on one PostgreSQL database and one S3 bucket (s3rver), to try a several-instance
# deployment by hand: scripts/two-instances.sh [portA] [portB] (default 3215 3216). Builds first if there
# is no production build. Ctrl-C stops the instances, s3rver and the throwaway PostgreSQL server.
set -euo pipefail
cd "$(dirname "$0")/.."
export PRISMA_SCHEMA_ENGINE_BINARY="${PRISMA_SCHEMA_ENGINE_BINARY:-/bin/false}"
export NEXT_TELEMETRY_DISABLED=1
[ -f .next/BUILD_ID ] || node_modules/.bin/next build
exec scripts/with-postgres.sh node_modules/.bin/tsx --import ./bin/server-runtime.mjs scripts/cluster/up.ts "$@"
