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
  /**
   * Hands each row to `visit` as it is read: on a SQLite file the rows are never all in memory at once
   * (a scan of a million-row project keeps one row, not a million); elsewhere they come as one list.
   */
  each<Row>(query: Prisma.Sql, visit: (row: Row) => void): Promise<void>;
  close(): void;
}

/** SQLite binds no booleans or dates: what the Prisma adapter binds for them (iso8601 timestamps). */
function bindable(value: unknown): unknown {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  return value;
}

/**
 * Rows as arrays, turned into objects by a function made for the statement's columns: the driver's own
 * row objects are built key by key in C++ and cost twice as much as an object literal of a fixed shape.
 */
function rowMaker(columns: string[]): (values: unknown[]) => unknown {
  const fields = columns.map((name, i) => `${JSON.stringify(name)}: v[${i}]`).join(", ");
  return new Function("v", `return { ${fields} };`) as (values: unknown[]) => unknown;
}

export function openRawReads(db: Db): RawReads {
  const file = sqliteFileOf(db);
  if (file === null) {
    return {
      all: <Rows extends unknown[]>(query: Prisma.Sql) => db.$queryRaw<Rows>(query),
      async each<Row>(query: Prisma.Sql, visit: (row: Row) => void) {
        for (const row of await db.$queryRaw<Row[]>(query)) visit(row);
      },
      close() {},
    };
  }
  const connection = new Database(file, { readonly: true, fileMustExist: true, timeout: SQLITE_BUSY_TIMEOUT_MS });
  const statements = new Map<string, { statement: Database.Statement; toRow: (values: unknown[]) => unknown }>();
  const prepare = (sql: string) => {
    let prepared = statements.get(sql);
    if (!prepared) {
      const statement = connection.prepare(sql).raw(true);
      prepared = { statement, toRow: rowMaker(statement.columns().map((c) => c.name)) };
      statements.set(sql, prepared);
    }
    return prepared;
  };
  return {
    async each<Row>(query: Prisma.Sql, visit: (row: Row) => void) {
      const { statement, toRow } = prepare(query.sql);
      for (const values of statement.iterate(...query.values.map(bindable)) as IterableIterator<unknown[]>) visit(toRow(values) as Row);
    },
    async all<Rows extends unknown[]>(query: Prisma.Sql) {
      const { statement, toRow } = prepare(query.sql);
      const values = statement.all(...query.values.map(bindable)) as unknown[][];
      const rows = new Array(values.length);
      for (let i = 0; i < values.length; i++) rows[i] = toRow(values[i]);
      return rows as Rows;
    },
    close() {
      connection.close();
    },
  };
}
