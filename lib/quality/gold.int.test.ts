import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Prisma } from "../db";
import { exportFiltersSchema } from "../export/schemas";
import { selectedItems } from "../export/selection";
import { saveItemDraft } from "../followups/save-draft";
import type { FollowUpInput } from "../followups/schemas";
import { submitItem } from "../followups/submit";
import { createItems, createProjectWithAsset, createUsers } from "../items/test-fixtures";
import { countItemsByStatus, listItems } from "../items/list";
import { projectStats } from "../projects/projects";
import { claimNextItem } from "../queue/claim";
import { queueOverview } from "../queue/overview";
import { createTestDb, type TestDb } from "../testing/db";
import { goldAccuracy } from "./gold-accuracy";
import { setGold } from "./gold";
import { correctiveFollowUp as corrective, misleadingFollowUp as misleading } from "../followups/test-fixtures";

describe(`gold items (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => t?.drop());

  const fields = { question: "How many cats are on the sofa?", answerType: "NUMBER" as const, options: [], groundTruth: "3", caption: "", tags: [], isGold: false };

  async function goldProject(goldEvery: number, goldCount: number, regular: number) {
    const { project, asset } = await createProjectWithAsset(t.db, { goldEvery });
    const [researcher, annotator, other] = await createUsers(t.db, 3);
    const gold = await createItems(t.db, project.id, asset.id, Array.from({ length: goldCount }, () => ({ assigneeId: researcher.id })));
    for (const id of gold) {
      const { item } = await saveItemDraft(t.db, { ...fields, itemId: id, expectedVersion: 1, actorId: researcher.id, followUps: [misleading, corrective] });
      await submitItem(t.db, { itemId: id, expectedVersion: item.version, actorId: researcher.id });
    }
    await t.db.item.updateMany({ where: { id: { in: gold } }, data: { status: "APPROVED", assigneeId: null } });
    expect(await setGold(t.db, researcher.id, project.id, gold, true)).toBe(goldCount);
    const items = await createItems(t.db, project.id, asset.id, Array.from({ length: regular }, () => ({})));
    return { project, gold, items, researcher, annotator, other };
  }

  /** Claims `n` items in a row, moving each out of the user's hands (as a submit would) before the next. */
  async function claimRun(projectId: string, userId: string, n: number) {
    const served: string[] = [];
    for (let i = 0; i < n; i++) {
      const claim = await claimNextItem(t.db, { projectId, userId });
      if (!claim) break;
      served.push(claim.itemId);
      await t.db.item.update({ where: { id: claim.itemId }, data: { status: "SUBMITTED", assigneeId: null, leaseExpiresAt: null } });
    }
    return served;
  }

  it("serves every goldEvery-th claim as a fresh copy of a gold item, each gold item once per annotator", async () => {
    const { project, gold, items, annotator } = await goldProject(4, 2, 30);
    const served = await claimRun(project.id, annotator.id, 16);
    const attempts = await t.db.goldAttempt.findMany({ where: { annotatorId: annotator.id }, select: { itemId: true, goldItemId: true } });
    const copies = new Set(attempts.map((a) => a.itemId));
    // Claims 4 and 8 are gold; at 12 and 16 both gold items have been attempted, so regular items come instead.
    expect(served.map((id) => copies.has(id))).toEqual(served.map((_, i) => i === 3 || i === 7));
    expect(new Set(attempts.map((a) => a.goldItemId))).toEqual(new Set(gold));
    expect(served.filter((id) => !copies.has(id)).every((id) => items.includes(id))).toBe(true);
    // The gold originals are never handed out, and never changed.
    expect(served.some((id) => gold.includes(id))).toBe(false);
    const originals = await t.db.item.findMany({ where: { id: { in: gold } }, select: { status: true, version: true, _count: { select: { followUps: true } } } });
    expect(originals.every((o) => o.status === "APPROVED" && o._count.followUps === 2)).toBe(true);
  });

  it("the copy looks like any new item: same image and question, no follow-ups, not gold", async () => {
    const { project, gold, annotator } = await goldProject(1, 1, 0);
    const claim = await claimNextItem(t.db, { projectId: project.id, userId: annotator.id });
    expect(claim?.reason).toBe("new");
    const [copy, original] = await Promise.all(
      [claim!.itemId, gold[0]].map((id) =>
        t.db.item.findUniqueOrThrow({ where: { id }, select: { assetId: true, question: true, groundTruth: true, isGold: true, status: true, _count: { select: { followUps: true } } } }),
      ),
    );
    expect(copy).toMatchObject({ assetId: original.assetId, question: original.question, groundTruth: original.groundTruth, isGold: false, status: "DRAFT" });
    expect(copy._count.followUps).toBe(0);
    // Nothing left for this annotator: no second copy of the same gold item.
    await t.db.item.update({ where: { id: claim!.itemId }, data: { status: "SUBMITTED", assigneeId: null } });
    expect(await claimNextItem(t.db, { projectId: project.id, userId: annotator.id })).toBeNull();
  });

  it("gold copies stay out of the items table, its status counts, the project's stats and the queue overview", async () => {
    const { project, gold, items, annotator, other } = await goldProject(1, 1, 2);
    const claim = await claimNextItem(t.db, { projectId: project.id, userId: annotator.id });
    const copy = claim!.itemId;
    expect(await t.db.goldAttempt.count({ where: { itemId: copy } })).toBe(1);
    const listed = (await listItems(t.db, project.id, { limit: 50 })).items.map((i) => i.id);
    expect(new Set(listed)).toEqual(new Set([...gold, ...items]));
    expect(await countItemsByStatus(t.db, project.id)).toMatchObject({ DRAFT: 2, APPROVED: 1 });
    expect((await projectStats(t.db, project.id)).totalItems).toBe(3);
    // The copy's lease runs out: it is no one's to claim, so the overview does not offer it (nor the gold item).
    await t.db.item.update({ where: { id: copy }, data: { leaseExpiresAt: new Date(Date.now() - 1000) } });
    expect((await queueOverview(t.db, project.id, other.id)).available).toBe(2);
  });

  it("scores the submitted copy against gold and reports per-annotator accuracy", async () => {
    const { project, annotator, other } = await goldProject(1, 1, 0);
    const submitCopy = async (userId: string, followUps: FollowUpInput[]) => {
      const claim = await claimNextItem(t.db, { projectId: project.id, userId });
      const { item } = await saveItemDraft(t.db, { ...fields, itemId: claim!.itemId, expectedVersion: 1, actorId: userId, followUps });
      await submitItem(t.db, { itemId: claim!.itemId, expectedVersion: item.version, actorId: userId });
      return claim!.itemId;
    };
    // Perfect, though the corrective claim is written "3" instead of "three".
    await submitCopy(annotator.id, [misleading, { ...corrective, claimedAnswer: "3" }]);
    // Another misleading claim than gold's ("5 cats" for "4 cats"): 5 of 6.
    await submitCopy(other.id, [{ ...misleading, userMessage: "Surely there are five cats on that sofa, count again.", claimedAnswer: "5" }, corrective]);

    const attempts = await t.db.goldAttempt.findMany({ where: { projectId: project.id }, orderBy: { annotatorId: "asc" } });
    expect(attempts.every((a) => a.scoredAt !== null)).toBe(true);
    const rows = await goldAccuracy(t.db, project.id, {});
    const byUser = new Map(rows.map((r) => [r.userId, r]));
    expect(byUser.get(annotator.id)).toMatchObject({ attempts: 1, checks: 6, correct: 6, accuracy: 1 });
    expect(byUser.get(other.id)).toMatchObject({ attempts: 1, checks: 6, correct: 5 });
    expect(byUser.get(other.id)!.accuracy).toBeCloseTo(5 / 6, 6);
  });

  it("gold copies never reach an export's selection", async () => {
    const { project, annotator } = await goldProject(1, 1, 0);
    const claim = await claimNextItem(t.db, { projectId: project.id, userId: annotator.id });
    await t.db.item.update({ where: { id: claim!.itemId }, data: { status: "APPROVED" } });
    const filters = exportFiltersSchema.parse({ statuses: ["APPROVED"], includeGold: true });
    const rows = await t.db.$queryRaw<Array<{ id: string }>>(Prisma.sql`SELECT i."id" FROM "Item" i WHERE ${selectedItems(project.id, filters, "srt")}`);
    expect(rows.map((r) => r.id)).not.toContain(claim!.itemId);
    expect(rows).toHaveLength(1); // the gold original itself, asked for with includeGold
  });
});
