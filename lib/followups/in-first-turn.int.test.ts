// One-round injection end to end on a real database: the editor's save stores and audits the flag, the
// lints need no initial answer, and the export writes the follow-up as a two-turn conversation.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runExport } from "../export/run";
import { createItems, createProjectWithAsset, createUsers } from "../items/test-fixtures";
import { LocalStorage } from "../storage/local";
import { createTestDb, type TestDb } from "../testing/db";
import { saveItemDraft } from "./save-draft";
import type { SaveItemDraftInput } from "./schemas";
import { correctiveFollowUp as corrective, misleadingFollowUp as misleading } from "./test-fixtures";

describe(`one-round injection: save and export (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  let projectId: string;
  let assetId: string;
  let userId: string;
  let root: string;
  beforeAll(async () => {
    t = await createTestDb();
    const { project, asset } = await createProjectWithAsset(t.db);
    projectId = project.id;
    assetId = asset.id;
    [{ id: userId }] = await createUsers(t.db, 1);
    root = fs.mkdtempSync(path.join(os.tmpdir(), "srt-first-turn-"));
  });
  afterAll(async () => {
    await t?.drop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  const opinionFirst = { ...misleading, initialAnswer: "", userMessage: "I think there are 4 cats on the sofa.", inFirstTurn: true };
  const draft = (itemId: string, expectedVersion: number, over: Partial<SaveItemDraftInput> = {}): SaveItemDraftInput => ({
    itemId, expectedVersion, actorId: userId,
    question: "How many cats are on the sofa?", answerType: "NUMBER", options: [], groundTruth: "3",
    caption: "Three cats on a sofa", tags: [], isGold: false,
    followUps: [opinionFirst, corrective],
    ...over,
  });

  it("saves the flag, lints without an initial answer, audits a change of the flag", async () => {
    const [itemId] = await createItems(t.db, projectId, assetId, [{ assigneeId: userId }]);
    const { item, issues } = await saveItemDraft(t.db, draft(itemId, 1));
    expect(issues).toEqual([]);
    expect(item.followUps.map((f) => [f.kind, f.inFirstTurn, f.initialAnswer])).toEqual([["MISLEADING", true, ""], ["CORRECTIVE", false, "2"]]);

    // A corrective follow-up moved into the first turn: its old initial answer stays stored but is ignored.
    const [first, second] = item.followUps;
    const { item: after, issues: later } = await saveItemDraft(t.db, draft(itemId, 2, {
      followUps: [{ ...opinionFirst, id: first.id }, { ...corrective, id: second.id, inFirstTurn: true }],
    }));
    expect(later).toEqual([]);
    expect(after.followUps[1]).toMatchObject({ inFirstTurn: true, initialAnswer: "2", version: 2 });
    const update = await t.db.auditEvent.findFirstOrThrow({ where: { entity: "FollowUp", entityId: second.id, action: "update" } });
    expect(update.before).toMatchObject({ inFirstTurn: false });
    expect(update.after).toMatchObject({ inFirstTurn: true });

    // The misleading opinion must be wrong.
    const { issues: wrong } = await saveItemDraft(t.db, draft(itemId, 3, {
      followUps: [{ ...opinionFirst, id: first.id, claimedAnswer: "3", userMessage: "I think there are 3 cats." }, { ...corrective, id: second.id, inFirstTurn: true }],
    }));
    expect(wrong.map((i) => [i.rule, i.followUpIndex])).toEqual([["misleading.claim-equals-truth", 0]]);
  });

  it("exports an in-first-turn follow-up as two turns and an ordinary one as four", async () => {
    const [itemId] = await createItems(t.db, projectId, assetId, [{ assigneeId: userId }]);
    await saveItemDraft(t.db, draft(itemId, 1));
    await t.db.item.update({ where: { id: itemId }, data: { status: "APPROVED" } });
    const storage = new LocalStorage(path.join(root, "storage"));

    const srt = await runExport(t.db, storage, { format: "srt", splits: "train=1", copyImages: false }, { projectId, outDir: path.join(root, "srt") });
    const records = fs.readFileSync(path.join(srt.outputPath, "train.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    const mine = records.filter((r) => r.item_id === itemId);
    expect(mine.map((r) => [r.kind, r.in_first_turn, r.initial_answer, r.messages.length])).toEqual([
      ["MISLEADING", true, "", 2],
      ["CORRECTIVE", false, "2", 4],
    ]);
    expect(mine[0].messages[0].content[1].text).toBe("How many cats are on the sofa?\n\nI think there are 4 cats on the sofa.");
    expect(fs.readFileSync(path.join(srt.outputPath, "README.md"), "utf8")).toContain("**One-round injection**: 1 record is an in-first-turn follow-up");

    const sharegpt = await runExport(t.db, storage, { format: "sharegpt", variant: "naive", splits: "train=1", copyImages: false }, { projectId, outDir: path.join(root, "sharegpt") });
    const lines = fs.readFileSync(path.join(sharegpt.outputPath, "train.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    const twoTurn = lines.find((l) => l.messages[0].content.endsWith("I think there are 4 cats on the sofa."));
    expect(twoTurn.messages).toEqual([
      { role: "user", content: "<image>How many cats are on the sofa?\n\nI think there are 4 cats on the sofa." },
      { role: "assistant", content: "3" },
    ]);
  });
});
