// Prepared statements kept for reuse on a better-sqlite3 connection. Prisma's SQLite adapter prepares
// every statement afresh (`client.prepare(sql).bind(args)`), and compiling SQL costs more than running it
// for the short, complex statements of the hot paths (a queue claim: ≈ 0.1–0.5 ms per statement).
// The cache hands the adapter a statement that binds its arguments per call, as better-sqlite3's own
// `run(args)` / `all(args)` do, so one compiled statement serves every call. SQLite re-compiles a cached
// statement by itself when the schema changes (migrations).
import type Database from "better-sqlite3";

/** How many distinct SQL texts are kept per connection (raw queries with IN lists of every length come and go). */
export const STATEMENT_CACHE_SIZE = 256;

type Statement = Database.Statement<unknown[]>;

/** What the adapter does with a prepared statement (see @prisma/adapter-better-sqlite3). */
interface AdapterStatement {
  readonly reader: boolean;
  columns(): Database.ColumnDefinition[];
  bind(args: unknown[]): AdapterStatement;
  run(): Database.RunResult;
  raw(): { all(): unknown[] };
}

function reusable(stmt: Statement, args: unknown[] = []): AdapterStatement {
  return {
    reader: stmt.reader,
    columns: () => stmt.columns(),
    bind: (bound) => reusable(stmt, bound),
    run: () => stmt.run(args),
    raw: () => ({ all: () => stmt.raw(true).all(args) }),
  };
}

/** Makes `client.prepare` reuse compiled statements (least recently used ones are dropped past the limit). */
export function cacheStatements(client: Database.Database, size = STATEMENT_CACHE_SIZE): void {
  const prepare = client.prepare.bind(client) as (sql: string) => Statement;
  const cache = new Map<string, Statement>();
  const cached = (sql: string) => {
    let stmt = cache.get(sql);
    if (stmt) cache.delete(sql);
    else stmt = prepare(sql);
    cache.set(sql, stmt);
    if (cache.size > size) cache.delete(cache.keys().next().value!);
    return reusable(stmt);
  };
  (client as unknown as { prepare: (sql: string) => AdapterStatement }).prepare = cached;
}
