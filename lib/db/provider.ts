// The few places where SQLite and PostgreSQL must be treated differently, in one file.
import type { Db } from "./client";
import { Prisma } from "./generated/sqlite/client";

const sqlTag = Prisma.sql;
const sqlRaw = Prisma.raw;

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

/**
 * SQLite gave up waiting for the write lock (busy timeout reached while another process held it).
 * Nothing was written: the transaction may simply be run again.
 */
export function isSqliteBusy(error: unknown): boolean {
  const { code, meta, message } = (error ?? {}) as { code?: unknown; meta?: unknown; message?: unknown };
  return code === "SQLITE_BUSY" || /SQLITE_BUSY\b|database is locked/.test(`${JSON.stringify(meta ?? null)} ${typeof message === "string" ? message : ""}`);
}

// Case-insensitive substring filters on both databases. SQLite's LIKE (what Prisma's `contains`
// becomes) already ignores ASCII case; PostgreSQL's LIKE does not, so there — and only there — the
// filter asks for ILIKE.

export function containsIgnoringCase(provider: DbProvider, value: string): Prisma.StringFilter {
  if (provider === "postgresql") return { contains: value, mode: "insensitive" } as Prisma.StringFilter;
  return { contains: value };
}

/**
 * A column kept out of SQLite's index selection (`+col`): without ANALYZE statistics (or with a project's
 * items all unassigned) the planner would rather walk [projectId, status, id] over every DRAFT item than
 * read a user's few rows through [assigneeId, status]. PostgreSQL has statistics (and no unary plus on text).
 */
export function sqlNoIndex(provider: DbProvider, column: string, table?: string): Prisma.Sql {
  const name = table ? `${table}."${column}"` : `"${column}"`;
  return sqlRaw(provider === "sqlite" ? `+${name}` : name);
}

/** The UTC calendar day (YYYY-MM-DD text) of a DateTime column, for GROUP BY in raw SQL. */
export function sqlDay(provider: DbProvider, column: Prisma.Sql): Prisma.Sql {
  return provider === "postgresql" ? sqlTag`to_char(${column}, 'YYYY-MM-DD')` : sqlTag`strftime('%Y-%m-%d', ${column})`;
}

/** A top-level text field of a Json column (null when absent), in raw SQL. `key` is a literal, never user input. */
export function sqlJsonText(provider: DbProvider, column: Prisma.Sql, key: string): Prisma.Sql {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) throw new Error(`not a JSON key: ${key}`);
  return provider === "postgresql" ? sqlTag`(${column} ->> ${sqlRaw(`'${key}'`)})` : sqlTag`json_extract(${column}, ${sqlRaw(`'$.${key}'`)})`;
}

/** A top-level numeric field of a Json column as a number (null when absent), in raw SQL. */
export function sqlJsonNumber(provider: DbProvider, column: Prisma.Sql, key: string): Prisma.Sql {
  const text = sqlJsonText(provider, column, key);
  return provider === "postgresql" ? sqlTag`CAST(${text} AS DOUBLE PRECISION)` : text;
}
