// The review queue's claim (statements in lib/reviews/claim-sql.ts): what one claim writes — the item, its
// audit event, the dashboard's figures — and what it refuses. The race (10 reviewers at once) is in
// reviews.int.test.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/client";
import { ForbiddenError } from "../errors";
import { createItems, createProjectWithAsset, createUsers } from "../items/test-fixtures";
import { rebuildQualityFigures } from "../quality/figures/backfill";
import { createTestDb, type TestDb } from "../testing/db";
import { claimNextReview } from "./queue";

async function statusFigures(db: Db, projectId: string) {
  const rows = await db.qualityFigure.groupBy({ by: ["day", "key"], where: { projectId, kind: "status" }, _sum: { n: true }, orderBy: [{ day: "asc" }, { key: "asc" }] });
  return rows.map((r) => ({ day: r.day, key: r.key, n: r._sum.n ?? 0 })).filter((r) => r.n !== 0);
}

describe(`review claim (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => t?.drop());

  async function setup(seeds: Parameters<typeof createItems>[3], reviewers = 1) {
    const { project, asset } = await createProjectWithAsset(t.db);
    const ids = await createItems(t.db, project.id, asset.id, seeds);
    const users = (await createUsers(t.db, reviewers, "reviewer")).map((u) => u.id);
    await t.db.user.updateMany({ where: { id: { in: users } }, data: { role: "REVIEWER" } });
    return { project, asset, ids, users };
  }

  it("moves a SUBMITTED item to IN_REVIEW as the lifecycle does: version +1, audited before/after, figures as the backfill computes them", async () => {
    const { project, ids, users } = await setup([{ status: "SUBMITTED" }]);
    const now = new Date("2030-01-01T10:00:00Z");
    const claim = await claimNextReview(t.db, { projectId: project.id, userId: users[0], now, leaseMs: 60_000 });
    expect(claim).toEqual({ itemId: ids[0], reason: "new", leaseExpiresAt: new Date(now.getTime() + 60_000) });
    expect(await t.db.item.findUniqueOrThrow({ where: { id: ids[0] } })).toMatchObject({
      status: "IN_REVIEW", reviewerId: users[0], reviewLeaseExpiresAt: claim!.leaseExpiresAt, version: 2,
    });
    const events = await t.db.auditEvent.findMany({ where: { entityId: ids[0] }, select: { actorId: true, projectId: true, action: true, before: true, after: true } });
    expect(events).toEqual([
      {
        actorId: users[0], projectId: project.id, action: "review.claim",
        before: { status: "SUBMITTED" }, after: { status: "IN_REVIEW", reviewerId: users[0], leaseExpiresAt: claim!.leaseExpiresAt.toISOString() },
      },
    ]);
    const kept = await statusFigures(t.db, project.id);
    expect(kept.map((r) => [r.key, r.n])).toEqual([["IN_REVIEW", 1], ["SUBMITTED", -1]]);
    await rebuildQualityFigures(t.db);
    expect(await statusFigures(t.db, project.id)).toEqual(kept);
  });

  it("hands a reviewer back their live claim, renewed and audited as a renewal, with no second move", async () => {
    const { project, ids, users } = await setup([{ status: "SUBMITTED" }, { status: "SUBMITTED" }]);
    const t0 = new Date("2030-01-01T10:00:00Z");
    await claimNextReview(t.db, { projectId: project.id, userId: users[0], now: t0, leaseMs: 60_000 });
    const later = new Date(t0.getTime() + 30_000);
    const again = await claimNextReview(t.db, { projectId: project.id, userId: users[0], now: later, leaseMs: 60_000 });
    expect(again).toEqual({ itemId: ids[0], reason: "resumed", leaseExpiresAt: new Date(later.getTime() + 60_000) });
    expect(await t.db.item.findUniqueOrThrow({ where: { id: ids[0] } })).toMatchObject({ version: 2, reviewLeaseExpiresAt: again!.leaseExpiresAt });
    expect((await t.db.auditEvent.findMany({ where: { entityId: ids[0] }, orderBy: { at: "asc" } })).map((e) => e.action)).toEqual(["review.claim", "review.renew"]);
    expect(await t.db.item.findUniqueOrThrow({ where: { id: ids[1] } })).toMatchObject({ status: "SUBMITTED", reviewerId: null });
  });

  it("takes over an IN_REVIEW item whose claim ran out, oldest first across both statuses, without moving its status", async () => {
    const { project, ids, users } = await setup([{ status: "SUBMITTED" }, { status: "SUBMITTED" }, { status: "SUBMITTED" }], 2);
    const t0 = new Date("2030-01-01T10:00:00Z");
    // users[1] claims the oldest item, then walks away: its claim runs out.
    await claimNextReview(t.db, { projectId: project.id, userId: users[1], now: t0, leaseMs: 60_000 });
    const later = new Date(t0.getTime() + 120_000);
    const taken = await claimNextReview(t.db, { projectId: project.id, userId: users[0], now: later });
    expect(taken).toMatchObject({ itemId: ids[0], reason: "new" });
    expect(await t.db.item.findUniqueOrThrow({ where: { id: ids[0] } })).toMatchObject({ status: "IN_REVIEW", reviewerId: users[0], version: 2 });
    const takeover = await t.db.auditEvent.findFirstOrThrow({ where: { entityId: ids[0], actorId: users[0] } });
    expect(takeover).toMatchObject({ action: "review.claim", before: null });
    // The next one is the oldest SUBMITTED left.
    expect((await claimNextReview(t.db, { projectId: project.id, userId: users[1], now: later }))?.itemId).toBe(ids[1]);
  });

  it("refuses a user whose role cannot review (403), writing nothing, and gives an empty queue as null", async () => {
    const { project, ids, users } = await setup([{ status: "SUBMITTED" }]);
    const [annotator] = (await createUsers(t.db, 1, "annotator")).map((u) => u.id);
    await expect(claimNextReview(t.db, { projectId: project.id, userId: annotator })).rejects.toBeInstanceOf(ForbiddenError);
    await t.db.user.update({ where: { id: users[0] }, data: { disabled: true } });
    await expect(claimNextReview(t.db, { projectId: project.id, userId: users[0] })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await t.db.item.findUniqueOrThrow({ where: { id: ids[0] } })).toMatchObject({ status: "SUBMITTED", reviewerId: null, version: 1 });
    expect(await t.db.auditEvent.count({ where: { entityId: ids[0] } })).toBe(0);
    const empty = await setup([{ status: "DRAFT" }, { status: "APPROVED" }]);
    expect(await claimNextReview(t.db, { projectId: empty.project.id, userId: empty.users[0] })).toBeNull();
  });
});
