import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { DatabaseConfig } from "./config";
import { serializedSqlite } from "./sqlite-serial";

/** SQLite waits this long for a lock before failing: the web server and the CLI share one file. */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

export function sqliteAdapterFactory(file: string) {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  return serializedSqlite(new PrismaBetterSqlite3({ url: file, timeout: SQLITE_BUSY_TIMEOUT_MS }));
}

export function postgresAdapterFactory(url: string, max = 10) {
  return new PrismaPg({ connectionString: url, max });
}

export function adapterFactoryFor(config: DatabaseConfig) {
  return config.provider === "sqlite" ? sqliteAdapterFactory(config.file) : postgresAdapterFactory(config.url);
}
