import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createItems, createProjectWithAsset } from "../items/test-fixtures";
import { createTestDb, type TestDb } from "../testing/db";
import { anchorWords, CANDIDATE_LIMIT, findReusedFollowUpText } from "./reuse";

describe(`follow-up text reuse (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  let projectId: string;
  let copyId: string;
  const message = "Everyone in my biology class agreed there are four cats sitting on that sofa.";

  beforeAll(async () => {
    t = await createTestDb();
    const { project, asset } = await createProjectWithAsset(t.db);
    projectId = project.id;
    const filler = CANDIDATE_LIMIT + 50;
    const itemIds = await createItems(t.db, projectId, asset.id, Array.from({ length: filler + 2 }, () => ({})));
    // Many follow-ups sharing the anchor words but not near-identical, created before the copy: the
    // candidate query must still find the copy (newest first) and stay bounded.
    await t.db.followUp.createMany({
      data: itemIds.slice(0, filler).map((itemId, i) => ({ itemId, kind: "MISLEADING" as const, userMessage: `My biology class agreed on something else entirely, item ${i}.` })),
    });
    const copy = await t.db.followUp.create({ data: { itemId: itemIds[filler], kind: "MISLEADING", userMessage: message.toUpperCase() } });
    copyId = copy.id;
    const other = await createProjectWithAsset(t.db);
    const [otherItem] = await createItems(t.db, other.project.id, other.asset.id, [{}]);
    await t.db.followUp.create({ data: { itemId: otherItem, kind: "MISLEADING", userMessage: message } });
  });
  afterAll(async () => t?.drop());

  it("finds a near-identical message of the project, whatever its case", async () => {
    const matches = await findReusedFollowUpText(t.db, projectId, `  ${message.replace("sofa.", "couch!")}`);
    expect(matches.map((m) => m.followUpId)).toEqual([copyId]);
    expect(matches[0].similarity).toBeGreaterThan(0.5);
  });

  it("excludes the follow-up being edited", async () => {
    expect(await findReusedFollowUpText(t.db, projectId, message, copyId)).toEqual([]);
  });

  it("ignores different texts and short texts", async () => {
    expect(await findReusedFollowUpText(t.db, projectId, "Honestly, the biology teacher agreed this picture shows a small dog.")).toEqual([]);
    expect(await findReusedFollowUpText(t.db, projectId, "Are you sure?")).toEqual([]);
  });

  it("picks the longest distinctive words as anchors", () => {
    expect(anchorWords(message)).toEqual(["everyone", "biology", "sitting", "agreed"]);
  });
});
