// Read-only plain SQL for long scans (the export's planning and record reading). On a SQLite file the
// statements run straight on a read-only better-sqlite3 connection of their own, prepared once and
// reused for every page: Prisma's raw-query path re-prepares each statement and converts every row
// twice (adapter, then client), which cost more than the scan itself. Elsewhere (PostgreSQL, in-memory
// SQLite, transaction clients) they go through $queryRaw. Values come back as the driver gives them
// (SQLite: numbers, 0/1 booleans, text dates and JSON), so callers accept both drivers' shapes.
import Database from "better-sqlite3";
import { SQLITE_BUSY_TIMEOUT_MS } from "./adapters";
import { sqliteFileOf, type Db } from "./client";
import type { Prisma } from "./generated/sqlite/client";

export interface RawReads {
  /** The rows, typed like $queryRaw<Rows>. */
  all<Rows extends unknown[]>(query: Prisma.Sql): Promise<Rows>;
  close(): void;
}

/** SQLite binds no booleans or dates: what the Prisma adapter binds for them (iso8601 timestamps). */
function bindable(value: unknown): unknown {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  return value;
}

export function openRawReads(db: Db): RawReads {
  const file = sqliteFileOf(db);
  if (file === null) return { all: <Rows extends unknown[]>(query: Prisma.Sql) => db.$queryRaw<Rows>(query), close() {} };
  const connection = new Database(file, { readonly: true, fileMustExist: true, timeout: SQLITE_BUSY_TIMEOUT_MS });
  const statements = new Map<string, Database.Statement>();
  return {
    async all<Rows extends unknown[]>(query: Prisma.Sql) {
      let statement = statements.get(query.sql);
      if (!statement) statements.set(query.sql, (statement = connection.prepare(query.sql)));
      return statement.all(...query.values.map(bindable)) as Rows;
    },
    close() {
      connection.close();
    },
  };
}
