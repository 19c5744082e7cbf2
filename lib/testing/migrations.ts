// An older set of the project's migrations, for upgrade tests: createTestDb({ paths }) migrates a database
// to just before a migration, the test writes rows, then applyMigrations(config) upgrades it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import { projectPaths, type ProjectPaths } from "../db/migrate";
import { createTestDb, type TestDb } from "./db";

/** The project's migrations up to the one before `name`, in a folder of their own. */
export function migrationsBefore(name: string): { paths: ProjectPaths; remove(): void } {
  const real = projectPaths();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "srt-migrations-"));
  for (const provider of ["sqlite", "postgresql"] as const) {
    const from = real.migrationsDir(provider);
    const to = path.join(root, provider);
    fs.mkdirSync(to);
    for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
      if (entry.isDirectory() && entry.name >= name) continue;
      fs.cpSync(path.join(from, entry.name), path.join(to, entry.name), { recursive: true });
    }
  }
  return { paths: { ...real, migrationsDir: (provider) => path.join(root, provider) }, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/**
 * Inside a describe: a test database migrated to just before `name` (made before its tests, dropped with
 * its migrations' copy after them). Read its fields in the tests: they exist once beforeAll has run.
 */
export function testDbBefore(name: string): TestDb {
  const older = migrationsBefore(name);
  let t: TestDb | undefined;
  beforeAll(async () => {
    t = await createTestDb({ paths: older.paths });
  });
  afterAll(async () => {
    await t?.drop();
    older.remove();
  });
  const made = (): TestDb => {
    if (!t) throw new Error(`the database before ${name} is made in beforeAll: read it in a test`);
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
  };
}
