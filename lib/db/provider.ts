// The few places where SQLite and PostgreSQL must be treated differently, in one file.
import type { Db } from "./client";
import type { Prisma } from "./generated/sqlite/client";

export type DbProvider = "sqlite" | "postgresql";

/** Which database a Prisma client (or transaction client) talks to; both generated clients record it as `_activeProvider`. */
export function providerOf(db: unknown): DbProvider {
  return (db as { _activeProvider?: string })._activeProvider === "postgresql" ? "postgresql" : "sqlite";
}

/**
 * Makes a SQLite transaction take the database's write lock now, before it reads (what BEGIN
 * IMMEDIATE does; Prisma starts transactions with a plain BEGIN). A transaction that reads first
 * and writes later fails with SQLITE_BUSY if another connection wrote in between, and the busy
 * timeout cannot help it; one that locks first simply waits its turn. An UPDATE that matches no
 * row still takes the lock. PostgreSQL locks rows, so there it does nothing.
 */
export async function lockForWriting(tx: Pick<Db, "$executeRaw">, provider: DbProvider): Promise<void> {
  if (provider === "sqlite") await tx.$executeRaw`UPDATE "Item" SET "id" = "id" WHERE 1 = 0`;
}
// Case-insensitive substring filters on both databases. SQLite's LIKE (what Prisma's `contains`
// becomes) already ignores ASCII case; PostgreSQL's LIKE does not, so there — and only there — the
// filter asks for ILIKE.

export function containsIgnoringCase(provider: DbProvider, value: string): Prisma.StringFilter {
  if (provider === "postgresql") return { contains: value, mode: "insensitive" } as Prisma.StringFilter;
  return { contains: value };
}
