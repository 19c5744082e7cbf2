// A fresh, migrated database for one integration test file: a SQLite file in a temp folder, or
// (SRT_TEST_DB=postgresql) a new database on the server at POSTGRES_URL. Real databases, no mocks.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { createDb, type Db } from "../db/client";
import type { DatabaseConfig } from "../db/config";
import { applyMigrations, type ProjectPaths } from "../db/migrate";

export interface TestDb {
  db: Db;
  config: DatabaseConfig;
  provider: DatabaseConfig["provider"];
  /** Disconnects and deletes the database. */
  drop(): Promise<void>;
}

export function testProvider(): DatabaseConfig["provider"] {
  return process.env.SRT_TEST_DB === "postgresql" ? "postgresql" : "sqlite";
}

/** `paths`: other migrations to apply than the project's (an upgrade test's older set). */
export async function createTestDb(options: { paths?: ProjectPaths } = {}): Promise<TestDb> {
  if (testProvider() === "postgresql") {
    const serverUrl = process.env.POSTGRES_URL;
    if (!serverUrl) throw new Error("SRT_TEST_DB=postgresql needs POSTGRES_URL (run through scripts/with-postgres.sh)");
    const name = `srt_test_${process.pid}_${Date.now()}_${Math.random().toString(36).slice(2, 7)}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const config: DatabaseConfig = { provider: "postgresql", url: url.toString() };
    await applyMigrations(config, options.paths);
    const db = createDb(config);
    return {
      db,
      config,
      provider: "postgresql",
      drop: async () => {
        await db.$disconnect();
        await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await admin.end();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "srt-test-"));
  const config: DatabaseConfig = { provider: "sqlite", file: path.join(dir, "test.db") };
  await applyMigrations(config, options.paths);
  const db = createDb(config);
  return {
    db,
    config,
    provider: "sqlite",
    drop: async () => {
      await db.$disconnect();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Inside a describe: its tests' database, made in beforeAll and dropped in afterAll (read its fields in the
 * tests, once it is made), and `client()`, another connection pool on it (closed before the drop) for tests
 * whose writers must race on connections of their own.
 */
export function suiteTestDb(options: { paths?: ProjectPaths } = {}): TestDb & { client(): Db } {
  let t: TestDb | undefined;
  const clients: Db[] = [];
  beforeAll(async () => {
    t = await createTestDb(options);
  });
  afterAll(async () => {
    await Promise.all(clients.splice(0).map((c) => c.$disconnect()));
    await t?.drop();
  });
  const made = (): TestDb => {
    if (!t) throw new Error("the suite's test database is made in beforeAll: read it in a test");
    return t;
  };
  return {
    get db() {
      return made().db;
    },
    get config() {
      return made().config;
    },
    get provider() {
      return made().provider;
    },
    drop: () => made().drop(),
    client() {
      const client = createDb(made().config);
      clients.push(client);
      return client;
    },
  };
}

/**
 * A test database that the app's getDb() also returns (for route handlers, server actions and pages under
 * test); drop() disconnects it from the app again.
 */
export async function createAppTestDb(): Promise<TestDb> {
  const t = await createTestDb();
  const app = globalThis as { srtDb?: unknown };
  app.srtDb = t.db;
  return {
    ...t,
    drop: async () => {
      delete app.srtDb;
      await t.drop();
    },
  };
}
