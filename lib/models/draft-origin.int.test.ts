// The model-drafted mark end to end: a save with the seal from "Draft with model" marks the follow-up
// MODEL, a later edit MODEL_EDITED; the export records each follow-up's origin and can leave out the
// model-drafted rationales nobody edited.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runExport } from "../export/run";
import { FIXTURE_CREATED_AT, FIXTURE_PROJECT_ID, seedFixture, type Fixture } from "../export/testing/fixture";
import { getItemForEditing } from "../followups/item-view";
import { saveItemDraft } from "../followups/save-draft";
import { createProjectWithAsset, createItems, createUsers } from "../items/test-fixtures";
import { createTestDb, type TestDb } from "../testing/db";
import { sealDraft } from "./draft-origin";

describe(`model-drafted rationales (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  let fixture: Fixture;
  let out: string;
  beforeAll(async () => {
    t = await createTestDb();
    fixture = await seedFixture(t.db);
    out = fs.mkdtempSync(path.join(os.tmpdir(), "srt-origin-"));
  });
  afterAll(async () => {
    await t?.drop();
    fixture?.cleanup();
    fs.rmSync(out, { recursive: true, force: true });
  });

  it("is MODEL after a sealed save, MODEL_EDITED after an edit, and a forged seal does not make it MODEL", async () => {
    const { project, asset } = await createProjectWithAsset(t.db);
    const [{ id: userId }] = await createUsers(t.db, 1);
    const [itemId] = await createItems(t.db, project.id, asset.id, [{ assigneeId: userId, answerType: "NUMBER", groundTruth: "3" }]);
    const evidence = "There are three red circles on the left.";
    const response = "You're right, I missed one.";
    const base = { itemId, actorId: userId, question: "How many red circles?", answerType: "NUMBER" as const, options: [], groundTruth: "3", caption: "", tags: [], isGold: false };
    const followUp = { kind: "CORRECTIVE" as const, initialAnswer: "2", userMessage: "Count again: 3.", claimedAnswer: "3", tactic: "PLAIN_ASSERTION", verdict: "CORRECTIVE" as const, evidence, response, finalAnswer: "3" };

    let saved = await saveItemDraft(t.db, { ...base, expectedVersion: 1, followUps: [{ ...followUp, modelSeal: sealDraft(evidence, response) }] });
    const [stored] = (await getItemForEditing(t.db, itemId))!.followUps;
    expect(stored.draftOrigin).toBe("MODEL");

    // Saved again untouched (no seal after a reload): still MODEL.
    saved = await saveItemDraft(t.db, { ...base, tags: ["x"], expectedVersion: saved.item.version, followUps: [{ ...followUp, id: stored.id }] });
    expect((await getItemForEditing(t.db, itemId))!.followUps[0].draftOrigin).toBe("MODEL");

    await saveItemDraft(t.db, { ...base, expectedVersion: saved.item.version, followUps: [{ ...followUp, id: stored.id, response: `${response} The answer is 3.` }] });
    expect((await getItemForEditing(t.db, itemId))!.followUps[0].draftOrigin).toBe("MODEL_EDITED");
    const audit = await t.db.auditEvent.findMany({ where: { entity: "FollowUp", entityId: stored.id, action: "update" } });
    expect(audit.some((a) => (a.after as { draftOrigin?: string }).draftOrigin === "MODEL_EDITED")).toBe(true);

    const [other] = await createItems(t.db, project.id, asset.id, [{ assigneeId: userId }]);
    await saveItemDraft(t.db, { ...base, itemId: other, expectedVersion: 1, followUps: [{ ...followUp, modelSeal: "forged-seal" }] });
    expect((await getItemForEditing(t.db, other))!.followUps[0].draftOrigin).toBe("MODEL_EDITED");
  });

  it("exports each follow-up's origin and can leave out the model-drafted unedited ones", async () => {
    const followUps = await t.db.followUp.findMany({ where: { item: { projectId: FIXTURE_PROJECT_ID, status: "APPROVED" } }, orderBy: { id: "asc" }, select: { id: true } });
    await t.db.followUp.update({ where: { id: followUps[0].id }, data: { draftOrigin: "MODEL" } });
    await t.db.followUp.update({ where: { id: followUps[1].id }, data: { draftOrigin: "MODEL_EDITED" } });
    const records = async (dir: string) =>
      fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(".jsonl"))
        .flatMap((f) => fs.readFileSync(path.join(dir, f), "utf8").split("\n").filter(Boolean))
        .map((line) => JSON.parse(line) as { follow_up_id: string; provenance: { rationale_origin: string } });

    const all = await runExport(t.db, fixture.storage, { format: "srt", seed: 42 }, { projectId: FIXTURE_PROJECT_ID, outDir: path.join(out, "all"), createdAt: FIXTURE_CREATED_AT });
    expect(all.counts.records).toBe(12);
    const origins = new Map((await records(path.join(out, "all"))).map((r) => [r.follow_up_id, r.provenance.rationale_origin]));
    expect(origins.get(followUps[0].id)).toBe("model-unedited");
    expect(origins.get(followUps[1].id)).toBe("model-edited");
    expect([...origins.values()].filter((o) => o === "human")).toHaveLength(10);

    const kept = await runExport(t.db, fixture.storage, { format: "srt", seed: 42, filters: { excludeModelUnedited: true } }, { projectId: FIXTURE_PROJECT_ID, outDir: path.join(out, "kept"), createdAt: FIXTURE_CREATED_AT });
    expect(kept.counts.records).toBe(11);
    const keptIds = (await records(path.join(out, "kept"))).map((r) => r.follow_up_id);
    expect(keptIds).not.toContain(followUps[0].id);
    expect(keptIds).toContain(followUps[1].id);
    expect(fs.readFileSync(path.join(out, "kept", "README.md"), "utf8")).toContain("model-drafted rationales nobody edited excluded");
  });
});
