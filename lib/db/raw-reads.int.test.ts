// Raw reads give the export the values $queryRaw gives, in the shapes its readers accept, on both databases;
// on a SQLite file through a connection of their own, which sees what the client committed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, testProvider, type TestDb } from "../testing/db";
import { Prisma } from "./generated/sqlite/client";
import { openRawReads } from "./raw-reads";
import { sqliteFileOf } from "./client";

describe(`raw reads (${testProvider()})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    const at = new Date("2026-03-04T05:06:07.089Z");
    await t.db.project.create({ data: { id: "p1", name: "One", slug: "one", settings: {}, createdAt: at, updatedAt: at } });
    await t.db.project.create({ data: { id: "p2", name: 'Two "quoted"', slug: "two", settings: { a: 1 }, createdAt: at, updatedAt: at } });
    await t.db.user.create({ data: { id: "p1", email: "one@example.org", name: "One", disabled: false, createdAt: at } });
    await t.db.user.create({ data: { id: "p2", email: "two@example.org", name: "Two", disabled: true, createdAt: at } });
  });
  afterAll(async () => {
    await t?.drop();
  });

  // Text, JSON, a date, a boolean (column and parameter) and a number, from a join.
  const query = (after: string, disabled: boolean) =>
    Prisma.sql`SELECT p."id", p."name", p."settings", p."createdAt", u."disabled" AS "isDisabled", LENGTH(p."slug") AS "n"
               FROM "Project" p JOIN "User" u ON u."id" = p."id" WHERE p."id" > ${after} AND u."disabled" = ${disabled} ORDER BY p."id"`;

  it("returns the rows $queryRaw returns, with the same keys in the same order, statement after statement", async () => {
    const reads = openRawReads(t.db);
    try {
      for (const [after, disabled] of [["", false], ["", true], ["p1", true], ["p2", false]] as const) {
        const raw = await reads.all<Record<string, unknown>[]>(query(after, disabled));
        const viaPrisma = await t.db.$queryRaw<Record<string, unknown>[]>(query(after, disabled));
        expect(raw.length).toBe(after === "p2" ? 0 : 1);
        expect(raw.map((r) => Object.keys(r))).toEqual(viaPrisma.map((r) => Object.keys(r)));
        const comparable = (rows: Record<string, unknown>[]) =>
          rows.map((r) => ({
            ...r,
            settings: typeof r.settings === "string" ? JSON.parse(r.settings) : r.settings,
            createdAt: new Date(r.createdAt as string).toISOString(),
            isDisabled: r.isDisabled === true || r.isDisabled === 1,
            n: Number(r.n),
          }));
        expect(comparable(raw)).toEqual(comparable(viaPrisma));
      }
    } finally {
      reads.close();
    }
  });

  it("each() visits the rows all() returns, in order, and the same statement can run again", async () => {
    const reads = openRawReads(t.db);
    try {
      for (const [after, disabled] of [["", false], ["", true], ["", false]] as const) {
        const visited: Record<string, unknown>[] = [];
        await reads.each<Record<string, unknown>>(query(after, disabled), (row) => visited.push(row));
        expect(visited).toEqual(await reads.all<Record<string, unknown>[]>(query(after, disabled)));
        expect(visited).toHaveLength(1);
      }
    } finally {
      reads.close();
    }
  });

  it("sees rows committed after it was opened", async () => {
    const reads = openRawReads(t.db);
    try {
      const count = Prisma.sql`SELECT COUNT(*) AS "n" FROM "Project"`;
      const before = Number((await reads.all<{ n: number }[]>(count))[0].n);
      await t.db.project.create({ data: { id: "p3", name: "Three", slug: "three", settings: {} } });
      expect(Number((await reads.all<{ n: number }[]>(count))[0].n)).toBe(before + 1);
    } finally {
      reads.close();
    }
  });

  it("uses a connection of its own only for a SQLite file", () => {
    expect(sqliteFileOf(t.db) !== null).toBe(testProvider() === "sqlite");
  });
});
