// Gold mixed into the queue under concurrent claimers: ten annotators claim at once (on PostgreSQL each
// with its own connection pool, so row locks really race) in a project that serves one item in three from
// gold. Every item goes to one annotator only, every third serve of each annotator is a fresh gold copy
// while a gold item is left for them, and no annotator gets a gold item twice or one they wrote.
import { describe, expect, it } from "vitest";
import type { Db } from "../db/client";
import { createItems, createProjectWithAsset, createUsers } from "../items/test-fixtures";
import { claimNextItem } from "../queue/claim";
import { suiteTestDb, testProvider } from "../testing/db";
import { setGold } from "./gold";

describe(`gold in the queue with concurrent claimers (${testProvider()})`, () => {
  const t = suiteTestDb();

  it("10 annotators get distinct items, a gold copy every third serve while gold is left, never a gold item twice or their own", async () => {
    const GOLD_EVERY = 3;
    const CLAIMS = 9;
    const { project, asset } = await createProjectWithAsset(t.db, { goldEvery: GOLD_EVERY });
    const [researcher, ...annotators] = await createUsers(t.db, 11);
    // Four gold items with a follow-up by the researcher; annotator 0 also wrote a follow-up of two of them.
    const gold = await createItems(t.db, project.id, asset.id, Array.from({ length: 4 }, () => ({ status: "APPROVED" as const })));
    await t.db.followUp.createMany({ data: gold.map((itemId) => ({ itemId, kind: "MISLEADING" as const, authorId: researcher.id })) });
    await t.db.followUp.createMany({ data: gold.slice(0, 2).map((itemId) => ({ itemId, kind: "CORRECTIVE" as const, position: 1, authorId: annotators[0].id })) });
    expect(await setGold(t.db, researcher.id, project.id, gold, true)).toBe(4);
    const pool = await createItems(t.db, project.id, asset.id, Array.from({ length: 120 }, () => ({})));
    // PostgreSQL: a pool per annotator. SQLite: one client (one writer at a time; several connections in
    // one thread would block each other's busy waits).
    const clients: Db[] = testProvider() === "postgresql" ? annotators.map(() => t.client()) : [];
    const dbOf = (i: number) => clients[i] ?? t.db;

    const served = await Promise.all(
      annotators.map(async (annotator, i) => {
        const got: string[] = [];
        for (let n = 0; n < CLAIMS; n++) {
          const claim = await claimNextItem(dbOf(i), { projectId: project.id, userId: annotator.id });
          expect(claim?.reason).toBe("new");
          got.push(claim!.itemId);
          // Out of their hands, as a submit would.
          await dbOf(i).item.update({ where: { id: claim!.itemId }, data: { status: "SUBMITTED", assigneeId: null, leaseExpiresAt: null } });
        }
        return got;
      }),
    );

    const all = served.flat();
    expect(new Set(all).size).toBe(annotators.length * CLAIMS);
    expect(all.some((id) => gold.includes(id))).toBe(false);
    const attempts = await t.db.goldAttempt.findMany({ where: { projectId: project.id }, select: { itemId: true, goldItemId: true, annotatorId: true } });
    const copyOf = new Map(attempts.map((a) => [a.itemId, a]));
    for (const [i, got] of served.entries()) {
      // Every third serve is gold while a gold item is left for the annotator: 4 for the others, 2 for annotator 0.
      const left = i === 0 ? 2 : 4;
      expect(got.map((id) => copyOf.has(id))).toEqual(got.map((_, n) => (n + 1) % GOLD_EVERY === 0 && (n + 1) / GOLD_EVERY <= left));
      expect(got.filter((id) => !copyOf.has(id)).every((id) => pool.includes(id))).toBe(true);
      const mine = attempts.filter((a) => a.annotatorId === annotators[i].id);
      expect(mine.every((a) => got.includes(a.itemId))).toBe(true);
      expect(new Set(mine.map((a) => a.goldItemId)).size).toBe(mine.length);
    }
    expect(attempts.filter((a) => a.annotatorId === annotators[0].id).map((a) => a.goldItemId).sort()).toEqual(gold.slice(2).sort());
    // Every serve counted; one claim event per handed-out item, by its claimer; one serve event per copy.
    const schedules = await t.db.goldSchedule.findMany({ where: { projectId: project.id }, select: { served: true } });
    expect(schedules.map((s) => s.served)).toEqual(annotators.map(() => CLAIMS));
    const claims = await t.db.auditEvent.findMany({ where: { projectId: project.id, entity: "Item", action: "claim" }, select: { entityId: true, actorId: true } });
    expect(claims).toHaveLength(all.length);
    const owner = new Map(served.flatMap((got, i) => got.map((id) => [id, annotators[i].id] as const)));
    for (const c of claims) expect(c.actorId).toBe(owner.get(c.entityId));
    const serves = await t.db.auditEvent.findMany({ where: { projectId: project.id, action: "gold.serve" }, select: { entity: true, actorId: true, after: true } });
    expect(serves).toHaveLength(attempts.length);
    const byCopy = (a: { itemId: string }, b: { itemId: string }) => a.itemId.localeCompare(b.itemId);
    expect((serves.map((s) => s.after) as { itemId: string }[]).sort(byCopy)).toEqual(attempts.map((a) => ({ goldItemId: a.goldItemId, itemId: a.itemId })).sort(byCopy));
    expect(serves.every((s) => s.entity === "GoldAttempt")).toBe(true);
    // A copy reads like any item Prisma wrote: the gold item's image and question, a fresh DRAFT, not gold.
    const copy = await t.db.item.findUniqueOrThrow({ where: { id: attempts[0].itemId }, include: { _count: { select: { followUps: true } } } });
    const original = await t.db.item.findUniqueOrThrow({ where: { id: attempts[0].goldItemId } });
    expect(copy).toMatchObject({ assetId: original.assetId, question: original.question, caption: original.caption, options: [], groundTruth: original.groundTruth });
    expect(copy).toMatchObject({ status: "SUBMITTED", isGold: false, version: 1, lintWarnings: 0, reviewRound: 1, awaitingAdjudication: false, _count: { followUps: 0 } });
    expect(copy.createdAt.getTime()).toBeGreaterThan(original.createdAt.getTime());
  });
});
