// The export's review block and --min-score read the final round only (and an adjudication's decision).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readRecordPages } from "../export/reader";
import { parseExportParams } from "../export/schemas";
import { submitItem } from "../followups/submit";
import { createProjectWithAsset, createUsers } from "../items/test-fixtures";
import { createTestDb, type TestDb } from "../testing/db";
import { claimNextReview } from "./queue";
import { submitReview } from "./submit-review";
import { writtenItem } from "./test-fixtures";

describe(`export of reviewed items (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => t?.drop());

  async function records(projectId: string, minScore?: number) {
    const out = [];
    for await (const page of readRecordPages(t.db, { projectId, params: parseExportParams({ filters: { minScore } }) })) out.push(...page);
    return out;
  }

  it("carries the final round's scores, decision and reviewers; --min-score uses the final round's mean", async () => {
    const { project, asset } = await createProjectWithAsset(t.db);
    const [annotator, r1, r2] = await createUsers(t.db, 3);
    for (const r of [r1, r2]) await t.db.user.update({ where: { id: r.id }, data: { role: "REVIEWER" } });
    const { itemId, version } = await writtenItem(t.db, project.id, asset.id, annotator.id);
    await submitItem(t.db, { itemId, expectedVersion: version, actorId: annotator.id });
    await claimNextReview(t.db, { projectId: project.id, userId: r1.id });
    const low = { visualGrounding: 1, verdictCorrectness: 2, reasoningConsistency: 1, tone: 2, answerCorrectness: 1 };
    await submitReview(t.db, { itemId, reviewerId: r1.id, scores: low, decision: "REQUEST_CHANGES", comment: "Evidence is vague." });
    const { version: v2 } = await t.db.item.findUniqueOrThrow({ where: { id: itemId } });
    await submitItem(t.db, { itemId, expectedVersion: v2, actorId: annotator.id });
    await claimNextReview(t.db, { projectId: project.id, userId: r2.id });
    const high = { visualGrounding: 5, verdictCorrectness: 5, reasoningConsistency: 4, tone: 4, answerCorrectness: 5 };
    await submitReview(t.db, { itemId, reviewerId: r2.id, scores: high, decision: "APPROVE" });

    const [record] = await records(project.id, 4.5);
    expect(record.review).toEqual({
      scores: { visual_grounding: 5, verdict_correctness: 5, reasoning_consistency: 4, tone: 4, answer_correctness: 5, mean: 4.6 },
      reviewers: [r2.id],
      decision: "APPROVE",
      count: 1,
    });
    expect(await records(project.id, 4.7)).toHaveLength(0);
  });
});
