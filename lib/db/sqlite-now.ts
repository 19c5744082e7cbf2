// A few statements run straight on a Prisma client's SQLite connection, synchronously, in one
// BEGIN IMMEDIATE transaction: for the hottest short write (a queue claim), where Prisma's request pipeline
// costs several times what SQLite does. Safe on the connection Prisma also uses because nothing can
// interleave: the statements run without yielding to the event loop, and only when no Prisma transaction is
// open on the connection (Prisma's transactions yield between statements; while one is open the caller
// goes through Prisma instead, and waits its turn). Other connections (the CLI, other processes) are kept
// out by SQLite's write lock, with the usual busy timeout. Values are bound as Prisma's adapter binds them
// (dates as ISO text with "+00:00", booleans as 1/0), so rows read back through Prisma like its own.
import type Database from "better-sqlite3";
import type { Prisma } from "./generated/sqlite/client";

/** The connection a SQLite Prisma client opened, once it has (Prisma connects on its first query). */
export interface SqliteConnection {
  current: Database.Database | null;
}

const connections = new WeakMap<object, SqliteConnection>();

/** Compiled statements kept per connection: compiling the claim's SQL costs more than running it. */
const compiled = new WeakMap<Database.Database, Map<string, Database.Statement<unknown[]>>>();

function statementOf(connection: Database.Database, sql: string): Database.Statement<unknown[]> {
  let cache = compiled.get(connection);
  if (!cache) compiled.set(connection, (cache = new Map()));
  let statement = cache.get(sql);
  if (!statement) {
    if (cache.size >= 64) cache.clear();
    cache.set(sql, (statement = connection.prepare(sql)));
  }
  return statement;
}

export function registerSqliteConnection(db: object, connection: SqliteConnection): void {
  connections.set(db, connection);
}

function bindable(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value === null || typeof value === "string" || typeof value === "number" || typeof value === "bigint") return value;
  throw new Error(`cannot bind a ${typeof value} to a SQLite statement`);
}

/**
 * Runs the statements in one immediate transaction now, returning each one's rows (none for statements
 * that return no data); null when they cannot run this way — not a SQLite client, not connected yet, or a
 * Prisma transaction open on the connection — and the caller must run them through Prisma.
 */
export function runOnSqliteNow(db: object, statements: Prisma.Sql[]): Record<string, unknown>[][] | null {
  const connection = connections.get(db)?.current;
  if (!connection || connection.inTransaction) return null;
  return connection.transaction(() =>
    statements.map((statement) => {
      const prepared = statementOf(connection, statement.sql);
      const args = statement.values.map(bindable);
      if (!prepared.reader) {
        prepared.run(args);
        return [];
      }
      const names = prepared.columns().map((c) => c.name);
      return (prepared.raw(true).all(args) as unknown[][]).map((row) => Object.fromEntries(names.map((name, i) => [name, row[i]])));
    }),
  ).immediate();
}
