// Never bundled for the browser (outside Next.js, bin/server-runtime.mjs makes this import a no-op).
import "server-only";
import Database from "better-sqlite3";
import { PrismaClient } from "./generated/sqlite/client";
import { PrismaClient as PostgresPrismaClient } from "./generated/postgresql/client";
import { postgresAdapterFactory, sqliteAdapterFactory } from "./adapters";
import { registerSqliteConnection, type SqliteConnection } from "./sqlite-now";
import { resolveDatabaseConfig, type DatabaseConfig } from "./config";

/**
 * The Prisma client type the whole app is written against. Both generated clients come from one
 * datamodel, so the PostgreSQL client has the same API; only this module knows which one is in use.
 */
export type Db = PrismaClient;

/** WAL lets the web server and the CLI read and write one SQLite file at once; the mode is stored in the file. */
function enableWal(file: string) {
  if (file === ":memory:") return;
  const sqlite = new Database(file);
  try {
    sqlite.pragma("journal_mode = WAL");
  } finally {
    sqlite.close();
  }
}

export function createDb(config: DatabaseConfig = resolveDatabaseConfig()): Db {
  if (config.provider === "postgresql") {
    return new PostgresPrismaClient({ adapter: postgresAdapterFactory(config.url) }) as unknown as Db;
  }
  enableWal(config.file);
  // The client's connection, for the few writes that run on it directly (lib/db/sqlite-now.ts).
  const connection: SqliteConnection = { current: null };
  const client = new PrismaClient({ adapter: sqliteAdapterFactory(config.file, connection) });
  registerSqliteConnection(client, connection);
  if (config.file !== ":memory:") sqliteFiles.set(client, config.file);
  return client;
}

const sqliteFiles = new WeakMap<object, string>();

/** The SQLite file a client made by createDb opened (null for PostgreSQL, in-memory databases and transaction clients). */
export function sqliteFileOf(db: object): string | null {
  return sqliteFiles.get(db) ?? null;
}

const globalForDb = globalThis as unknown as { srtDb?: Db };

/** The process-wide client (one per process; survives Next.js dev reloads). */
export function getDb(): Db {
  globalForDb.srtDb ??= createDb();
  return globalForDb.srtDb;
}
