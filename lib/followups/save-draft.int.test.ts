import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { createItems, createProjectWithAsset, createUsers } from "../items/test-fixtures";
import { createTestDb, type TestDb } from "../testing/db";
import { ItemNotEditable, SubmitBlocked, VersionConflict } from "./errors";
import { getItemForEditing } from "./item-view";
import { saveItemDraft } from "./save-draft";
import type { SaveItemDraftInput } from "./schemas";
import { submitItem } from "./submit";
import { correctiveFollowUp as corrective, misleadingFollowUp as misleading } from "./test-fixtures";

describe(`item drafts (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  let projectId: string;
  let assetId: string;
  let userId: string;
  let otherId: string;
  beforeAll(async () => {
    t = await createTestDb();
    const { project, asset } = await createProjectWithAsset(t.db, { extraTactics: ["GASLIGHTING"] });
    projectId = project.id;
    assetId = asset.id;
    [{ id: userId }, { id: otherId }] = await createUsers(t.db, 2);
  });
  afterAll(async () => t?.drop());

  const newItem = async () => (await createItems(t.db, projectId, assetId, [{ assigneeId: userId }]))[0];
  const draft = (itemId: string, expectedVersion: number, over: Partial<SaveItemDraftInput> = {}): SaveItemDraftInput => ({
    itemId, expectedVersion, actorId: userId,
    question: "How many cats are on the sofa?", answerType: "NUMBER", options: [], groundTruth: "3",
    caption: "Living room", tags: ["Cats", "indoor", "cats"], isGold: false,
    followUps: [misleading, corrective],
    ...over,
  });

  it("saves item fields, tags and ordered follow-ups, bumps the version and audits every change", async () => {
    const itemId = await newItem();
    const { item, issues } = await saveItemDraft(t.db, draft(itemId, 1));
    expect(issues).toEqual([]);
    expect(item.version).toBe(2);
    expect(item.tags).toEqual(["cats", "indoor"]);
    expect(item.followUps.map((f) => [f.kind, f.position, f.authorId])).toEqual([["MISLEADING", 0, userId], ["CORRECTIVE", 1, userId]]);
    expect(item.asset.id).toBe(assetId);

    // Update the first, drop the second, add a new one.
    const [first] = item.followUps;
    const { item: after } = await saveItemDraft(t.db, draft(itemId, 2, {
      followUps: [{ ...misleading, id: first.id, tactic: "GASLIGHTING" }, { ...misleading, userMessage: "My whole class agreed there are 4 cats.", tactic: "SOCIAL_PROOF" }],
    }));
    expect(after.version).toBe(3);
    expect(after.followUps.map((f) => f.tactic)).toEqual(["GASLIGHTING", "SOCIAL_PROOF"]);
    expect(after.followUps[0].id).toBe(first.id);
    expect(after.followUps[0].version).toBe(2);
    expect(after.lintWarnings).toBeGreaterThan(0); // 2 misleading, 0 corrective: too few is an error, extra is a warning

    const events = await t.db.auditEvent.findMany({ where: { OR: [{ entityId: itemId }, { entity: "FollowUp", entityId: { in: [first.id, after.followUps[1].id] } }] } });
    expect(events.filter((e) => e.entity === "Item" && e.action === "save")).toHaveLength(2);
    expect(events.filter((e) => e.entity === "FollowUp").map((e) => e.action).sort()).toEqual(["create", "create", "update"]);
    expect(await t.db.auditEvent.count({ where: { entity: "FollowUp", action: "delete" } })).toBe(1);
  });

  it("refuses a stale version with the server's version and overwrites nothing", async () => {
    const itemId = await newItem();
    await saveItemDraft(t.db, draft(itemId, 1));
    const error = await saveItemDraft(t.db, draft(itemId, 1, { question: "Stale edit", followUps: [] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VersionConflict);
    const conflict = error as VersionConflict;
    expect(conflict.currentVersion).toBe(2);
    expect(conflict.current.question).toBe("How many cats are on the sofa?");
    expect(conflict.current.followUps).toHaveLength(2);
    const stored = await getItemForEditing(t.db, itemId);
    expect(stored?.question).toBe("How many cats are on the sofa?");
    expect(stored?.followUps).toHaveLength(2);
    expect(stored?.version).toBe(2);
  });

  it("of two concurrent saves of the same version exactly one wins", async () => {
    const itemId = await newItem();
    const results = await Promise.allSettled([
      saveItemDraft(t.db, draft(itemId, 1, { question: "Edit A" })),
      saveItemDraft(t.db, draft(itemId, 1, { question: "Edit B", actorId: otherId })),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const rejected = results.find((r) => r.status === "rejected") as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(VersionConflict);
    const stored = await getItemForEditing(t.db, itemId);
    expect(stored?.version).toBe(2);
    expect(stored?.followUps).toHaveLength(2);
  });

  it("validates input naming the field: lengths, tactics of the project, follow-up ids of the item", async () => {
    const itemId = await newItem();
    await expect(saveItemDraft(t.db, draft(itemId, 1, { question: "x".repeat(2001) }))).rejects.toThrow(/question/);
    const bad = await saveItemDraft(t.db, draft(itemId, 1, { followUps: [misleading, { ...corrective, tactic: "BRIBERY" }] })).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ZodError);
    expect((bad as ZodError).issues[0].path).toEqual(["followUps", 1, "tactic"]);
    await expect(saveItemDraft(t.db, draft(itemId, 1, { followUps: [{ ...misleading, id: "not-mine" }] }))).rejects.toThrow(/not a follow-up of this item/);
    expect((await getItemForEditing(t.db, itemId))?.version).toBe(1);
  });

  it("submit is blocked by lint errors, succeeds once they are fixed, and locks the item", async () => {
    const itemId = await newItem();
    const { item } = await saveItemDraft(t.db, draft(itemId, 1, { followUps: [{ ...misleading, finalAnswer: "4" }, corrective] }));
    const blocked = await submitItem(t.db, { itemId, expectedVersion: item.version, actorId: userId }).catch((e: unknown) => e);
    expect(blocked).toBeInstanceOf(SubmitBlocked);
    expect((blocked as SubmitBlocked).issues.map((i) => i.rule)).toContain("misleading.final-not-truth");
    expect((await getItemForEditing(t.db, itemId))?.status).toBe("DRAFT");

    const fixed = await saveItemDraft(t.db, draft(itemId, item.version));
    const { version } = await submitItem(t.db, { itemId, expectedVersion: fixed.item.version, actorId: userId });
    const stored = await getItemForEditing(t.db, itemId);
    expect(stored).toMatchObject({ status: "SUBMITTED", version, leaseExpiresAt: null });
    expect(await t.db.auditEvent.count({ where: { entityId: itemId, action: "submit" } })).toBe(1);
    await expect(saveItemDraft(t.db, draft(itemId, version))).rejects.toBeInstanceOf(ItemNotEditable);
  });

  it("submit honours the settings it is given (follow-up counts)", async () => {
    const itemId = await newItem();
    const { item } = await saveItemDraft(t.db, draft(itemId, 1, { followUps: [misleading] }));
    await expect(submitItem(t.db, { itemId, expectedVersion: item.version, actorId: userId })).rejects.toBeInstanceOf(SubmitBlocked);
    await submitItem(t.db, { itemId, expectedVersion: item.version, actorId: userId, settings: { misleadingPerItem: 1, correctivePerItem: 0 } });
  });

  it("counts a follow-up message reused from another item as a warning", async () => {
    const a = await newItem();
    const b = await newItem();
    const reused = { ...misleading, userMessage: "Everyone in my biology class agreed there are four cats sitting on that sofa." };
    await saveItemDraft(t.db, draft(a, 1, { followUps: [reused, corrective] }));
    // The corrective message is shared with earlier tests' items too, so give b a fresh one.
    const fresh = { ...corrective, userMessage: "You missed one: three cats, the third is curled up under the blanket." };
    const { issues, item } = await saveItemDraft(t.db, draft(b, 1, { followUps: [{ ...reused, userMessage: reused.userMessage + "!" }, fresh] }));
    expect(issues).toEqual([expect.objectContaining({ rule: "followup.text-reused", severity: "warning", followUpIndex: 0 })]);
    expect(item.lintWarnings).toBe(1);
  });
});
