import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "../../audit/record";
import { createItems, createProjectWithAsset, createUsers } from "../../items/test-fixtures";
import { createTestDb, type TestDb } from "../../testing/db";
import { rebuildQualityFigures } from "../figures/backfill";
import { parseQualityFilters } from "../filters";
import { loadQualityDashboard } from "./index";

describe(`quality dashboard queries (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => t?.drop());

  const day = (d: string, h = 12) => new Date(`${d}T${String(h).padStart(2, "0")}:00:00Z`);
  const scores = (s: number) => ({ visualGrounding: s, verdictCorrectness: s, reasoningConsistency: s, tone: s, answerCorrectness: 5 });

  it("computes throughput, acceptance, first-pass approval, rubric means, agreement, tactics and status history", async () => {
    const { project, asset } = await createProjectWithAsset(t.db);
    const [ann1, ann2, rev1, rev2] = await createUsers(t.db, 4);
    const items = await createItems(t.db, project.id, asset.id, Array.from({ length: 4 }, () => ({})));
    // Created on the 1st (DRAFT), submitted on the 2nd: two by ann1 (one with a lint warning), two by ann2.
    for (const [i, id] of items.entries()) {
      await t.db.auditEvent.create({ data: { projectId: project.id, actorId: ann1.id, entity: "Item", entityId: id, action: "create", at: day("2030-01-01") } });
      const annotator = i < 2 ? ann1 : ann2;
      // The fixture writes the submit's trail directly, so also what a submit sets on the item: its submitter.
      await t.db.item.update({ where: { id }, data: { submittedById: annotator.id } });
      await t.db.auditEvent.create({
        data: { projectId: project.id, actorId: annotator.id, entity: "Item", entityId: id, action: "submit", at: day("2030-01-02"), before: { status: "DRAFT" }, after: { status: "SUBMITTED", lintWarnings: i === 0 ? 2 : 0 } },
      });
    }
    // Item 0: rev1 requests changes, then approves (first pass no, accepted yes); rev2 approves.
    // Item 1: both approve. Item 2: rev1 approves, rev2 rejects. Item 3: not reviewed.
    const review = (itemId: string, reviewerId: string, decision: "APPROVE" | "REJECT" | "REQUEST_CHANGES", s: number, at: Date) =>
      t.db.review.create({ data: { itemId, reviewerId, decision, ...scores(s), createdAt: at } });
    await review(items[0], rev1.id, "REQUEST_CHANGES", 2, day("2030-01-03", 9));
    await review(items[0], rev2.id, "APPROVE", 4, day("2030-01-03", 10));
    await review(items[0], rev1.id, "APPROVE", 4, day("2030-01-04", 9));
    await review(items[1], rev1.id, "APPROVE", 5, day("2030-01-03", 11));
    await review(items[1], rev2.id, "APPROVE", 5, day("2030-01-03", 12));
    await review(items[2], rev1.id, "APPROVE", 3, day("2030-01-03", 13));
    await review(items[2], rev2.id, "REJECT", 1, day("2030-01-03", 14));
    // Status changes on the 4th: item 0 and 1 approved, item 2 rejected.
    for (const [id, status] of [[items[0], "APPROVED"], [items[1], "APPROVED"], [items[2], "REJECTED"]] as const) {
      await t.db.item.update({ where: { id }, data: { status } });
      await t.db.auditEvent.create({ data: { projectId: project.id, actorId: rev1.id, entity: "Item", entityId: id, action: "status", at: day("2030-01-04"), before: { status: "SUBMITTED" }, after: { status } } });
    }
    await t.db.item.update({ where: { id: items[3] }, data: { status: "SUBMITTED" } });
    await t.db.followUp.createMany({
      data: [
        { itemId: items[0], kind: "MISLEADING", tactic: "AUTHORITY", authorId: ann1.id, createdAt: day("2030-01-02") },
        { itemId: items[0], kind: "CORRECTIVE", tactic: "AUTHORITY", authorId: ann1.id, createdAt: day("2030-01-02") },
        { itemId: items[2], kind: "MISLEADING", tactic: "EMOTIONAL", authorId: ann2.id, createdAt: day("2030-01-02") },
      ],
    });
    // An event outside the project's items does not count.
    await recordAudit(t.db, { actorId: ann1.id, entity: "User", entityId: ann1.id, action: "update" });

    // The fixture wrote rows directly, past the code that keeps the figures: backfill them as the migration does.
    await rebuildQualityFigures(t.db);
    const d = await loadQualityDashboard(t.db, project.id, parseQualityFilters({ from: "2030-01-01", to: "2030-01-05" }), day("2030-01-06"));

    const a1 = d.annotators.find((a) => a.userId === ann1.id)!;
    const a2 = d.annotators.find((a) => a.userId === ann2.id)!;
    expect(a1).toMatchObject({ submitted: 2, withWarnings: 1, reviewed: 2, accepted: 2, firstPassApproved: 1 });
    expect(a2).toMatchObject({ submitted: 2, withWarnings: 0, reviewed: 1, accepted: 0, firstPassApproved: 1 });

    // Mean visual grounding over 7 reviews: (2+4+4+5+5+3+1)/7.
    expect(d.rubric[0].reviews).toBe(7);
    expect(d.rubric[0].mean).toBeCloseTo(24 / 7, 6);
    expect(d.rubric[4].mean).toBe(5);

    // Decisions, latest per reviewer: item0 A/A, item1 A/A, item2 A/R → κ = 0 (p_o = 2/3 = p_e).
    expect(d.agreement.decisionPairs).toHaveLength(1);
    expect(d.agreement.decisionPairs[0]).toMatchObject({ units: 3, pairs: 3 });
    expect(d.agreement.decisionPairs[0].value).toBeCloseTo(0, 6);
    expect(d.agreement.decisionFleiss.value).toBeNull();
    // The last criterion is 5 everywhere: α undefined, with the reason.
    expect(d.agreement.rubricAlpha[4]).toMatchObject({ value: null, units: 3 });
    expect(d.agreement.rubricAlpha[0].value).not.toBeNull();

    expect(d.tactics).toEqual([
      { tactic: "AUTHORITY", misleading: 1, corrective: 1 },
      { tactic: "EMOTIONAL", misleading: 1, corrective: 0 },
    ]);

    expect(d.statusDays.map((s) => s.day)).toEqual(["2030-01-01", "2030-01-02", "2030-01-03", "2030-01-04", "2030-01-05"]);
    expect(d.statusDays[0]).toMatchObject({ DRAFT: 4, SUBMITTED: 0, APPROVED: 0 });
    expect(d.statusDays[1]).toMatchObject({ DRAFT: 0, SUBMITTED: 4 });
    expect(d.statusDays[3]).toMatchObject({ SUBMITTED: 1, APPROVED: 2, REJECTED: 1 });
    expect(d.statusDays[4]).toEqual(d.statusDays[3] && { ...d.statusDays[3], day: "2030-01-05" });

    // The person filter: only ann2's items and submissions.
    const only2 = await loadQualityDashboard(t.db, project.id, parseQualityFilters({ from: "2030-01-01", to: "2030-01-05", user: ann2.id }), day("2030-01-06"));
    expect(only2.annotators.map((a) => a.userId)).toEqual([ann2.id]);
    expect(only2.rubric[0]).toMatchObject({ reviews: 2, mean: 2 });
    expect(only2.tactics).toEqual([{ tactic: "EMOTIONAL", misleading: 1, corrective: 0 }]);

    // A range that starts after the reviews sees none of them.
    const later = await loadQualityDashboard(t.db, project.id, parseQualityFilters({ from: "2030-01-05" }), day("2030-01-06"));
    expect(later.rubric[0]).toMatchObject({ reviews: 0, mean: null });
    expect(later.agreement.decisionPairs).toEqual([]);
  });

  it("rejects bad filters naming the field", () => {
    expect(() => parseQualityFilters({ from: "yesterday" })).toThrow(/YYYY-MM-DD/);
    expect(() => parseQualityFilters({ from: "2030-02-01", to: "2030-01-01" })).toThrow(/from must not be after to/);
    expect(parseQualityFilters({ from: "", user: "" })).toEqual({ from: undefined, until: undefined, userId: undefined });
  });
});
