// Reviewer agreement over the Review table: items reviewed by two or more reviewers in the range are the
// units. Decisions: Cohen's κ per reviewer pair, Fleiss' κ over the items with the most common number (≥ 3)
// of reviewers, Krippendorff's α (nominal); rubric scores: Krippendorff's α (ordinal) per criterion.
// A reviewer's latest review of an item counts. Over the reviews of the AGREEMENT_UNITS most recently
// reviewed multiply-reviewed items (recentUnitReviews): agreement is a property of the current reviewing, and the
// figures always say how many items and pairs they rest on.
import type { Db } from "../../db/client";
import { Prisma } from "../../db";
import { fleissKappa, fleissTable, krippendorffAlpha, pairwiseCohen, valuesByUnit, type Agreement, type PairAgreement, type Rating } from "../agreement";
import type { QualityFilters } from "../filters";
import { RUBRIC_CRITERIA, type RubricCriterion } from "./rubric";
import { num, rangeSql } from "./scope";

const DECISIONS = ["APPROVE", "REQUEST_CHANGES", "REJECT"] as const;
/** The most recent multiply-reviewed items agreement is computed over. */
export const AGREEMENT_UNITS = 2000;
const WALK_BATCH = 2000;
/**
 * How many of the newest reviews in the range the walk reads at most. Without a bound, a project reviewed once
 * per item (no unit ever qualifies) would be read whole on every dashboard load: 233k reviews took 9 s.
 */
export const AGREEMENT_MAX_REVIEWS = 20_000;
const DECISION_CODE: Record<string, number> = { APPROVE: 0, REQUEST_CHANGES: 1, REJECT: 2 };

export interface AgreementFigures {
  decisionPairs: Array<PairAgreement & { names: [string, string] }>;
  decisionFleiss: Agreement & { raters: number | null };
  decisionAlpha: Agreement;
  rubricAlpha: Array<{ criterion: RubricCriterion; label: string } & Agreement>;
}

type Walk = { units: number; batch: number; maxReviews: number };
type ReviewRow = { id: string; itemId: string; reviewerId: string; decision: string; createdAt: Date } & Record<RubricCriterion, unknown>;

/** `walk` sizes the walk (how many items at most, how many reviews a batch, how many reviews at most): tests make it small to exercise it. */
export async function reviewerAgreement(db: Db, projectId: string, f: QualityFilters, walk: Walk = { units: AGREEMENT_UNITS, batch: WALK_BATCH, maxReviews: AGREEMENT_MAX_REVIEWS }): Promise<AgreementFigures> {
  let rows = await recentUnitReviews(db, projectId, f, walk);
  if (f.userId && rows.length > 0) {
    // The person's items: those they reviewed (at any time).
    const mine = await db.$queryRaw<Array<{ itemId: string }>>(Prisma.sql`
      SELECT DISTINCT r."itemId" FROM "Review" r WHERE r."reviewerId" = ${f.userId} AND r."itemId" IN (${Prisma.join([...new Set(rows.map((r) => r.itemId))])})`);
    const theirs = new Set(mine.map((m) => m.itemId));
    rows = rows.filter((r) => theirs.has(r.itemId));
  }

  const decisions: Rating<string>[] = rows.map((r) => ({ unit: r.itemId, rater: r.reviewerId, value: r.decision }));
  let pairs = pairwiseCohen(decisions);
  if (f.userId) pairs = pairs.filter((p) => p.raters.includes(f.userId!));
  const names = new Map(
    (await db.user.findMany({ where: { id: { in: [...new Set(pairs.flatMap((p) => p.raters))] } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]),
  );

  const decisionUnits = valuesByUnit(decisions);
  const k = mostCommonSize(decisionUnits.filter((u) => u.length >= 3));
  const decisionFleiss = k === null ? { value: null, units: 0, pairs: 0, reason: "no item has three or more reviewers", raters: null } : { ...fleissKappa(fleissTable(decisionUnits, [...DECISIONS], k)), raters: k };

  return {
    decisionPairs: pairs.map((p) => ({ ...p, names: [names.get(p.raters[0]) ?? "(deleted)", names.get(p.raters[1]) ?? "(deleted)"] })),
    decisionFleiss,
    decisionAlpha: krippendorffAlpha(valuesByUnit(rows.map((r) => ({ unit: r.itemId, rater: r.reviewerId, value: DECISION_CODE[r.decision] }))), "nominal"),
    rubricAlpha: RUBRIC_CRITERIA.map((c) => ({
      criterion: c.key,
      label: c.label,
      ...krippendorffAlpha(valuesByUnit(rows.map((r) => ({ unit: r.itemId, rater: r.reviewerId, value: num(r[c.key]) }))), "ordinal"),
    })),
  };
}

/**
 * The reviews in the range of the AGREEMENT_UNITS items reviewed by two or more reviewers in the range,
 * latest review first: walks the project's reviews newest first through the (projectId, createdAt, id)
 * index, a batch at a time, and reads the reviews in the range of each item met for the first time (at its
 * latest review in the range). Stops as soon as enough items qualify, so it reads a few thousand reviews,
 * not the project's all — and never more than walk.maxReviews. Returned in (item, time) order.
 */
async function recentUnitReviews(db: Db, projectId: string, f: QualityFilters, walk: Walk): Promise<ReviewRow[]> {
  const rows: ReviewRow[] = [];
  let units = 0;
  let scanned = 0;
  const seen = new Set<string>();
  let cursor: { createdAt: Date; id: string } | null = null;
  while (units < walk.units && scanned < walk.maxReviews) {
    const limit = Math.min(walk.batch, walk.maxReviews - scanned);
    // A row-value comparison: both databases turn it into a range of the index.
    const after: Prisma.Sql = cursor ? Prisma.sql` AND (r."createdAt", r."id") < (${cursor.createdAt}, ${cursor.id})` : Prisma.empty;
    const batch: Array<{ id: string; itemId: string; createdAt: Date }> = await db.$queryRaw(Prisma.sql`
      SELECT r."id", r."itemId", r."createdAt" FROM "Review" r
      WHERE r."projectId" = ${projectId}${rangeSql(Prisma.sql`r."createdAt"`, f)}${after}
      ORDER BY r."createdAt" DESC, r."id" DESC LIMIT ${limit}`);
    if (batch.length === 0) break;
    scanned += batch.length;
    cursor = batch[batch.length - 1];
    const fresh = [...new Set(batch.map((r) => r.itemId))].filter((id) => !seen.has(id));
    fresh.forEach((id) => seen.add(id));
    if (fresh.length > 0) {
      const reviews = await db.$queryRaw<ReviewRow[]>(Prisma.sql`
        SELECT r."id", r."itemId", r."reviewerId", r."decision", r."createdAt", r."visualGrounding", r."verdictCorrectness", r."reasoningConsistency", r."tone", r."answerCorrectness"
        FROM "Review" r
        WHERE r."itemId" IN (${Prisma.join(fresh)})${rangeSql(Prisma.sql`r."createdAt"`, f)}`);
      const byItem = new Map<string, ReviewRow[]>();
      for (const r of reviews) {
        const its = byItem.get(r.itemId);
        if (its) its.push(r);
        else byItem.set(r.itemId, [r]);
      }
      for (const id of fresh) {
        const its = byItem.get(id) ?? [];
        if (units < walk.units && new Set(its.map((r) => r.reviewerId)).size > 1) {
          units++;
          rows.push(...its);
        }
      }
    }
    if (batch.length < limit) break;
  }
  const time = (d: Date) => new Date(d).getTime();
  return rows.sort((a, b) => (a.itemId < b.itemId ? -1 : a.itemId > b.itemId ? 1 : time(a.createdAt) - time(b.createdAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
}

function mostCommonSize(units: unknown[][]): number | null {
  const sizes = new Map<number, number>();
  for (const u of units) sizes.set(u.length, (sizes.get(u.length) ?? 0) + 1);
  let best: number | null = null;
  for (const [size, count] of sizes) if (best === null || count > sizes.get(best)! || (count === sizes.get(best)! && size < best)) best = size;
  return best;
}
