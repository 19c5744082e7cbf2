// An older set of the project's migrations, for upgrade tests: createTestDb({ paths }) migrates a database
// to just before a migration, the test writes rows, then applyMigrations(config) upgrades it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll } from "vitest";
import { projectPaths, type ProjectPaths } from "../db/migrate";
import { suiteTestDb, type TestDb } from "./db";

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

/** Inside a describe: its tests' database, migrated to just before `name` (suiteTestDb). */
export function testDbBefore(name: string): TestDb {
  const older = migrationsBefore(name);
  afterAll(() => older.remove());
  return suiteTestDb({ paths: older.paths });
}
