import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../testing/db";
import { createItems, createProjectWithAsset, createUsers } from "../items/test-fixtures";
import { holdItem } from "./hold";
import { claimNextItem } from "./claim";

describe(`holding an item while its editor is open (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => t?.drop());

  const t0 = new Date("2030-01-01T00:00:00Z");
  const at = (ms: number) => new Date(t0.getTime() + ms);

  it("takes a free DRAFT, renews it for its holder, and refuses it to others until the lease runs out", async () => {
    const { project, asset } = await createProjectWithAsset(t.db);
    const [a, b] = await createUsers(t.db, 2);
    const [id] = await createItems(t.db, project.id, asset.id, [{}]);
    expect(await holdItem(t.db, { itemId: id, userId: a.id, leaseMs: 60_000, now: t0 })).toEqual({ held: true, how: "taken", leaseExpiresAt: at(60_000) });
    expect(await holdItem(t.db, { itemId: id, userId: b.id, now: at(30_000) })).toEqual({ held: false, holderId: a.id, status: "DRAFT" });
    expect(await holdItem(t.db, { itemId: id, userId: a.id, leaseMs: 60_000, now: at(30_000) })).toMatchObject({ held: true, how: "renewed", leaseExpiresAt: at(90_000) });
    // The queue does not hand it out while it is held…
    expect(await claimNextItem(t.db, { projectId: project.id, userId: b.id, now: at(60_000) })).toBeNull();
    // …and once the lease ran out, someone else may take it.
    expect(await holdItem(t.db, { itemId: id, userId: b.id, now: at(91_000) })).toMatchObject({ held: true, how: "taken" });
    const audits = await t.db.auditEvent.findMany({ where: { entityId: id }, orderBy: { at: "asc" }, select: { action: true, actorId: true } });
    expect(audits.map((e) => e.action)).toEqual(["claim", "lease.renew", "claim"]);
  });

  it("leaves admin assignments, returned items of others and finished items alone", async () => {
    const { project, asset } = await createProjectWithAsset(t.db);
    const [a, b] = await createUsers(t.db, 2);
    const [assigned, returned, submitted] = await createItems(t.db, project.id, asset.id, [
      { assigneeId: a.id },
      { status: "CHANGES_REQUESTED", assigneeId: b.id },
      { status: "SUBMITTED" },
    ]);
    expect(await holdItem(t.db, { itemId: assigned, userId: a.id })).toEqual({ held: true, how: "assigned", leaseExpiresAt: null });
    expect(await holdItem(t.db, { itemId: assigned, userId: b.id })).toMatchObject({ held: false, holderId: a.id });
    expect(await holdItem(t.db, { itemId: returned, userId: a.id })).toMatchObject({ held: false, holderId: b.id, status: "CHANGES_REQUESTED" });
    expect(await holdItem(t.db, { itemId: submitted, userId: a.id })).toMatchObject({ held: false, status: "SUBMITTED" });
    expect(await holdItem(t.db, { itemId: "nope", userId: a.id })).toBeNull();
    const rows = await t.db.item.findMany({ where: { id: { in: [assigned, returned, submitted] } }, select: { leaseExpiresAt: true } });
    expect(rows.every((r) => r.leaseExpiresAt === null)).toBe(true);
  });

  it("two editors opening the same free item at once: exactly one holds it", async () => {
    const { project, asset } = await createProjectWithAsset(t.db);
    const users = await createUsers(t.db, 6);
    const [id] = await createItems(t.db, project.id, asset.id, [{}]);
    const results = await Promise.all(users.map((u) => holdItem(t.db, { itemId: id, userId: u.id })));
    expect(results.filter((r) => r?.held).length).toBe(1);
  });

  it("validates its input, naming the field", async () => {
    await expect(holdItem(t.db, { itemId: "i", userId: "u", leaseMs: 1 })).rejects.toThrow(/leaseMs/);
  });
});
