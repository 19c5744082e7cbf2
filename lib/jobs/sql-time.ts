// "Now" and "now + lease" in raw SQL. PostgreSQL uses the server's clock, so instances whose clocks
// differ still agree on when a lease ended; SQLite lives on one machine, so this process's clock is the
// database's (Date parameters are stored in the same ISO text Prisma writes, so they compare as text).
import type { Prisma } from "../db/generated/sqlite/client";
import { Prisma as P } from "../db/generated/sqlite/client";
import type { DbProvider } from "../db/provider";

export function sqlNow(provider: DbProvider): Prisma.Sql {
  // Prisma keeps DateTime columns as UTC timestamps without a zone.
  return provider === "postgresql" ? P.sql`(now() AT TIME ZONE 'UTC')` : P.sql`${new Date()}`;
}

export function sqlLater(provider: DbProvider, ms: number): Prisma.Sql {
  const whole = Math.max(0, Math.round(ms));
  return provider === "postgresql" ? P.sql`((now() AT TIME ZONE 'UTC') + (${whole}::int * interval '1 millisecond'))` : P.sql`${new Date(Date.now() + whole)}`;
}
