#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server on 127.0.0.1 (its own data directory, stopped and
# removed afterwards) and POSTGRES_URL pointing at it. Usage: scripts/with-postgres.sh <command…>
set -euo pipefail

if [ -n "${POSTGRES_URL:-}" ]; then exec "$@"; fi

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$bindir" ] || bindir=$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")
if [ ! -x "$bindir/initdb" ]; then
  echo "PostgreSQL server not found. Install it: sudo apt-get install -y postgresql" >&2
  exit 3
fi

work=$(mktemp -d /tmp/srt-pg.XXXXXX)
as_pg=()
if [ "$(id -u)" = 0 ]; then
  # initdb refuses to run as root: the server runs as the postgres system user.
  id postgres >/dev/null 2>&1 || useradd --system --home "$work" postgres
  chown postgres "$work"
  as_pg=(runuser -u postgres --)
fi

stop() {
  "${as_pg[@]}" "$bindir/pg_ctl" -D "$work/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap stop EXIT

"${as_pg[@]}" "$bindir/initdb" -D "$work/data" -U srt --auth=trust -E UTF8 --no-locale >"$work/initdb.log" 2>&1 ||
  { cat "$work/initdb.log" >&2; exit 3; }
# A random port below Linux's ephemeral range (32768-60999), so no outgoing connection holds it; if it is
# taken anyway (another server, another run of this script), the next attempt takes another.
started=
for _ in 1 2 3 4 5; do
  port=${SRT_PG_PORT:-$((20000 + RANDOM % 12000))}
  if "${as_pg[@]}" "$bindir/pg_ctl" -D "$work/data" -l "$work/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $work -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null 2>&1; then
    started=1
    break
  fi
  [ -z "${SRT_PG_PORT:-}" ] || break
done
[ -n "$started" ] || { cat "$work/server.log" >&2; exit 3; }

export POSTGRES_URL="postgresql://srt@127.0.0.1:$port/postgres"
echo "PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') running on 127.0.0.1:$port (throwaway)" >&2
"$@"
