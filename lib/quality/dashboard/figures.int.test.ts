// The dashboard read from QualityFigure rows gives what the direct scans of reviews and the audit log gave
// and follow-ups (reference/), on a generated project over many days; the rows kept on write by the real workflow
// equal the rows the migration's backfill computes; and the JS rows (rows.ts) equal the SQL backfill's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { submitItem } from "../../followups/submit";
import { createItems, createProjectWithAsset, createUsers } from "../../items/test-fixtures";
import { claimReviewOf } from "../../reviews/queue";
import { submitReview } from "../../reviews/submit-review";
import { SCORES, writtenItem } from "../../reviews/test-fixtures";
import { createTestDb, type TestDb } from "../../testing/db";
import { rebuildQualityFigures } from "../figures/backfill";
import { auditFigureRows, followUpFigureRows, reviewFigureRows } from "../figures/rows";
import { addFigures } from "../figures/store";
import { parseQualityFilters } from "../filters";
import { reviewerAgreement } from "./agreement";
import { annotatorFigures } from "./annotators";
import { reviewerAgreement as agreementBefore } from "./reference/agreement";
import { annotatorFigures as annotatorsBefore } from "./reference/annotators";
import { rubricMeans as rubricBefore } from "./reference/rubric";
import { statusOverTime as statusBefore } from "./reference/status-over-time";
import { followUpsPerTactic as tacticsBefore } from "./reference/tactics";
import { rubricMeans } from "./rubric";
import { statusOverTime } from "./status-over-time";
import { followUpsPerTactic } from "./tactics";

const DAY_MS = 24 * 60 * 60 * 1000;

async function figuresOf(db: Db, projectId: string) {
  // Summed over the shards, as the dashboard reads them.
  const rows = await db.qualityFigure.groupBy({
    by: ["kind", "day", "otherDay", "key", "detail"],
    where: { projectId },
    _sum: { n: true, v1: true, v2: true, v3: true, v4: true, v5: true },
    orderBy: [{ kind: "asc" }, { day: "asc" }, { otherDay: "asc" }, { key: "asc" }, { detail: "asc" }],
  });
  return rows
    .map(({ _sum, ...r }) => ({ ...r, n: _sum.n ?? 0, v1: _sum.v1 ?? 0, v2: _sum.v2 ?? 0, v3: _sum.v3 ?? 0, v4: _sum.v4 ?? 0, v5: _sum.v5 ?? 0 }))
    .filter((r) => r.n !== 0 || r.v1 !== 0 || r.v2 !== 0 || r.v3 !== 0 || r.v4 !== 0 || r.v5 !== 0);
}

describe(`quality dashboard figures (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => t?.drop());

  it("answers every filter as the direct scans did, on a generated project over 40 days", async () => {
    const { project, asset } = await createProjectWithAsset(t.db);
    const annotators = await createUsers(t.db, 4, "ann");
    const reviewers = await createUsers(t.db, 4, "rev");
    const start = Date.UTC(2030, 0, 1);
    let random = 7;
    const rand = () => (random = (random * 1103515245 + 12345) % 2147483648) / 2147483648;
    const pick = <T,>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)];
    const items = await createItems(t.db, project.id, asset.id, Array.from({ length: 120 }, () => ({})));
    const events: Array<{ projectId: string; actorId: string; entity: string; entityId: string; action: string; at: Date; before?: object; after?: object }> = [];
    const reviews: Array<Record<string, unknown>> = [];
    for (const [n, itemId] of items.entries()) {
      const created = start + Math.floor(rand() * 30 * DAY_MS);
      const annotator = n % 10 === 9 ? null : pick(annotators).id;
      events.push({ projectId: project.id, actorId: annotators[0].id, entity: "Item", entityId: itemId, action: "create", at: new Date(created) });
      if (!annotator) continue;
      const submitted = created + Math.floor(rand() * 3 * DAY_MS);
      events.push({ projectId: project.id, actorId: annotator, entity: "Item", entityId: itemId, action: "submit", at: new Date(submitted), before: { status: "DRAFT" }, after: { status: "SUBMITTED", lintWarnings: rand() < 0.3 ? 2 : 0 } });
      let at = submitted;
      // 0–4 reviews spread over up to a week, several on one day sometimes, ties between decisions included.
      const count = Math.floor(rand() * 5);
      for (let k = 0; k < count; k++) {
        at += rand() < 0.4 ? Math.floor(rand() * 3 * 60 * 60 * 1000) : Math.floor(rand() * 3 * DAY_MS);
        const s = 1 + Math.floor(rand() * 5);
        reviews.push({
          itemId, reviewerId: pick(reviewers).id, decision: pick(["APPROVE", "APPROVE", "REQUEST_CHANGES", "REJECT"] as const), createdAt: new Date(k === 2 ? at - (at % 1000) : at),
          visualGrounding: s, verdictCorrectness: 6 - s, reasoningConsistency: s, tone: pick([1, 3, 5]), answerCorrectness: 3,
        });
      }
      const final = pick(["APPROVED", "REJECTED", "CHANGES_REQUESTED", "SUBMITTED"] as const);
      if (final !== "SUBMITTED") events.push({ projectId: project.id, actorId: reviewers[0].id, entity: "Item", entityId: itemId, action: "status", at: new Date(at + 1000), before: { status: "SUBMITTED" }, after: { status: final } });
      await t.db.item.update({ where: { id: itemId }, data: { submittedById: annotator, status: final } });
    }
    const tactics = ["AUTHORITY", "EMOTIONAL", "PLAIN_ASSERTION"];
    await t.db.followUp.createMany({
      data: items.flatMap((itemId) =>
        Array.from({ length: Math.floor(rand() * 3) }, () => ({
          itemId, kind: pick(["MISLEADING", "CORRECTIVE"] as const), tactic: pick(tactics), authorId: rand() < 0.1 ? null : pick(annotators).id,
          createdAt: new Date(start + Math.floor(rand() * 35 * DAY_MS)),
        })),
      ),
    });
    await t.db.auditEvent.createMany({ data: events });
    await t.db.review.createMany({ data: reviews as never });
    await rebuildQualityFigures(t.db);

    const now = new Date(start + 45 * DAY_MS);
    const day = (d: number) => new Date(start + d * DAY_MS).toISOString().slice(0, 10);
    const filterSets = [
      {}, { from: day(0) }, { from: day(5) }, { to: day(12) }, { from: day(3), to: day(9) }, { from: day(10), to: day(10) },
      { user: annotators[1].id }, { from: day(4), to: day(20), user: annotators[2].id }, { user: reviewers[0].id }, { from: day(6), user: reviewers[1].id },
    ];
    for (const params of filterSets) {
      const f = parseQualityFilters(params);
      const label = JSON.stringify(params);
      expect(await annotatorFigures(t.db, project.id, f), label).toEqual(await annotatorsBefore(t.db, project.id, f));
      const [rubric, rubricThen] = [await rubricMeans(t.db, project.id, f), await rubricBefore(t.db, project.id, f)];
      expect(rubric.map((r) => r.reviews), label).toEqual(rubricThen.map((r) => r.reviews));
      rubric.forEach((r, i) => (r.mean === null ? expect(rubricThen[i].mean).toBeNull() : expect(r.mean, label).toBeCloseTo(rubricThen[i].mean!, 9)));
      expect(await reviewerAgreement(t.db, project.id, f), label).toEqual(await agreementBefore(t.db, project.id, f));
      // The walk over several batches, stopping at the most recent 15 items.
      expect(await reviewerAgreement(t.db, project.id, f, { units: 15, batch: 7, maxReviews: 1e9 }), label).toEqual(await agreementBefore(t.db, project.id, f, 15));
      expect(await statusOverTime(t.db, project.id, f, now), label).toEqual(await statusBefore(t.db, project.id, f, now));
      expect(await followUpsPerTactic(t.db, project.id, f), label).toEqual(await tacticsBefore(t.db, project.id, f));
    }
    // The walk reads at most maxReviews of the newest reviews: the units are the multiply-reviewed items met
    // among them, which are the most recent such items.
    const newest = await t.db.review.findMany({ where: { projectId: project.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { itemId: true } });
    const reviewersOf = new Map<string, Set<string>>();
    for (const r of await t.db.review.findMany({ where: { projectId: project.id }, select: { itemId: true, reviewerId: true } })) {
      reviewersOf.set(r.itemId, (reviewersOf.get(r.itemId) ?? new Set()).add(r.reviewerId));
    }
    for (const maxReviews of [1, 6, 11, 40]) {
      const met = new Set(newest.slice(0, maxReviews).map((r) => r.itemId));
      const units = [...met].filter((id) => reviewersOf.get(id)!.size > 1).length;
      const capped = await reviewerAgreement(t.db, project.id, parseQualityFilters({}), { units: 15, batch: 4, maxReviews });
      expect(capped, `maxReviews ${maxReviews}`).toEqual(await agreementBefore(t.db, project.id, parseQualityFilters({}), Math.min(15, units)));
    }
    // The figures were really exercised: reviews on several days of one item, and both outcomes.
    expect((await annotatorFigures(t.db, project.id, parseQualityFilters({}))).some((a) => a.accepted > 0 && a.accepted < a.reviewed)).toBe(true);

    // The rows computed in JS (what writes add) equal the SQL backfill's.
    const backfilled = await figuresOf(t.db, project.id);
    await t.db.qualityFigure.deleteMany({ where: { projectId: project.id } });
    for (const e of await t.db.auditEvent.findMany({ where: { projectId: project.id } })) await addFigures(t.db, project.id, auditFigureRows(e));
    for (const item of await t.db.item.findMany({ where: { projectId: project.id }, select: { submittedById: true, reviews: true, followUps: true } })) {
      await addFigures(t.db, project.id, [...reviewFigureRows(item.submittedById, item.reviews), ...followUpFigureRows(item.followUps)]);
    }
    expect(await figuresOf(t.db, project.id)).toEqual(backfilled);
  });

  it("keeps the figures on write through the review workflow, as the backfill computes them", async () => {
    const { project, asset } = await createProjectWithAsset(t.db, { reviewsPerItem: 2, reviewPolicy: "majority" });
    const [a1, a2, r1, r2] = (await createUsers(t.db, 4)).map((u) => u.id);
    await t.db.user.updateMany({ where: { id: { in: [r1, r2] } }, data: { role: "REVIEWER" } });
    const decisions = [
      ["APPROVE", "APPROVE"],
      ["APPROVE", "REJECT"],
      ["REQUEST_CHANGES", "REQUEST_CHANGES"],
    ] as const;
    const ids: string[] = [];
    for (const [i, pair] of decisions.entries()) {
      const { itemId, version } = await writtenItem(t.db, project.id, asset.id, i === 0 ? a1 : a2);
      ids.push(itemId);
      await submitItem(t.db, { itemId, expectedVersion: version, actorId: i === 0 ? a1 : a2 });
      for (const [k, decision] of pair.entries()) {
        const reviewer = k === 0 ? r1 : r2;
        expect(await claimReviewOf(t.db, { itemId, userId: reviewer })).toBe(true);
        await submitReview(t.db, { itemId, reviewerId: reviewer, scores: { ...SCORES, tone: 1 + k + i }, decision, comment: decision === "APPROVE" ? "" : "Please fix the evidence." });
      }
    }
    // The item sent back is resubmitted by the other annotator: its review figures move to them.
    const back = await t.db.item.findUniqueOrThrow({ where: { id: ids[2] } });
    expect(back.status).toBe("CHANGES_REQUESTED");
    await t.db.item.update({ where: { id: ids[2] }, data: { assigneeId: a1 } });
    await submitItem(t.db, { itemId: ids[2], expectedVersion: back.version, actorId: a1 });

    const kept = await figuresOf(t.db, project.id);
    expect(kept.some((r) => r.kind === "outcome" && r.key === a1)).toBe(true);
    expect(kept.some((r) => r.kind === "tactic" && r.key === a2)).toBe(true);
    await rebuildQualityFigures(t.db);
    expect(await figuresOf(t.db, project.id)).toEqual(kept);
    expect(await t.db.review.count({ where: { projectId: project.id } })).toBe(6);
    const f = parseQualityFilters({});
    expect(await annotatorFigures(t.db, project.id, f)).toEqual(await annotatorsBefore(t.db, project.id, f));
  });
});
