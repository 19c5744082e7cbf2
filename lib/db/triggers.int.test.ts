// Every trigger the migrations create is still there after the last one: the search index and the kept
// counters (ItemStatusCount, FollowUpKindCount) live in hand-written triggers on Item and FollowUp, and a
// SQLite migration that rebuilds one of those tables (Prisma's "RedefineTables": create, copy, drop,
// rename) drops its triggers without a word. Such a migration must create them again.
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, testProvider, type TestDb } from "../testing/db";
import { projectPaths } from "./migrate";

/** The triggers the provider's migrations create and do not drop again, read from their SQL in order. */
function triggersOfMigrations(provider: "sqlite" | "postgresql"): string[] {
  const dir = projectPaths().migrationsDir(provider);
  const names = new Set<string>();
  for (const migration of fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()) {
    const sql = fs.readFileSync(path.join(dir, migration, "migration.sql"), "utf8").replace(/--[^\n]*/g, "");
    for (const m of sql.matchAll(/\b(CREATE|DROP)\s+TRIGGER\s+(?:IF\s+(?:NOT\s+)?EXISTS\s+)?"([^"]+)"/gi)) {
      if (m[1].toUpperCase() === "CREATE") names.add(m[2]);
      else names.delete(m[2]);
    }
  }
  return [...names].sort();
}

describe(`triggers (${testProvider()})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => t?.drop());

  it("every trigger the migrations create exists in a migrated database", async () => {
    const expected = triggersOfMigrations(t.provider);
    expect(expected).toEqual(expect.arrayContaining(["Item_status_count_insert", "FollowUp_kind_count_insert", "FollowUp_kind_count_delete", "Item_follow_up_kind_count_delete"]));
    const rows =
      t.provider === "postgresql"
        ? await t.db.$queryRaw<Array<{ name: string }>>`SELECT "tgname" AS "name" FROM "pg_trigger" WHERE NOT "tgisinternal"`
        : await t.db.$queryRaw<Array<{ name: string }>>`SELECT "name" FROM "sqlite_master" WHERE "type" = 'trigger'`;
    const present = new Set(rows.map((r) => r.name));
    const missing = expected.filter((name) => !present.has(name));
    expect(missing, `a later migration dropped these triggers (a SQLite table rebuild drops its table's triggers): create them again in it`).toEqual([]);
    expect([...present].sort()).toEqual(expected);
  });
});
