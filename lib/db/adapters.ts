import fs from "node:fs";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type Database from "better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type { DatabaseConfig } from "./config";
import type { SqliteConnection } from "./sqlite-now";
import { serializedSqlite } from "./sqlite-serial";

/** SQLite waits this long for a lock before failing: the web server and the CLI share one file. */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

/** `connection`, when given, receives the connection once Prisma opens it (lib/db/sqlite-now.ts). */
export function sqliteAdapterFactory(file: string, connection?: SqliteConnection) {
  if (file !== ":memory:") fs.mkdirSync(path.dirname(file), { recursive: true });
  const factory = new PrismaBetterSqlite3({ url: file, timeout: SQLITE_BUSY_TIMEOUT_MS });
  if (connection) {
    const connect = factory.connect.bind(factory);
    factory.connect = async () => {
      const adapter = await connect();
      const client = (adapter as unknown as { client?: Database.Database }).client;
      if (typeof client?.prepare !== "function") throw new Error("@prisma/adapter-better-sqlite3 no longer exposes its connection: update lib/db/adapters.ts");
      connection.current = client;
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        connection.current = null;
        await dispose();
      };
      return adapter;
    };
  }
  return serializedSqlite(factory);
}

export function postgresAdapterFactory(url: string, max = 10) {
  return new PrismaPg({ connectionString: url, max });
}

export function adapterFactoryFor(config: DatabaseConfig) {
  return config.provider === "sqlite" ? sqliteAdapterFactory(config.file) : postgresAdapterFactory(config.url);
}
