// Reviewer agreement over the Review table: items reviewed by two or more reviewers in the range are the
// units. Decisions: Cohen's κ per reviewer pair, Fleiss' κ over the items with the most common number (≥ 3)
// of reviewers, Krippendorff's α (nominal); rubric scores: Krippendorff's α (ordinal) per criterion.
// A reviewer's latest review of an item counts. Over the reviews of the AGREEMENT_UNITS most recently
// reviewed multiply-reviewed items (recentUnits): agreement is a property of the current reviewing, and the
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
const DECISION_CODE: Record<string, number> = { APPROVE: 0, REQUEST_CHANGES: 1, REJECT: 2 };

export interface AgreementFigures {
  decisionPairs: Array<PairAgreement & { names: [string, string] }>;
  decisionFleiss: Agreement & { raters: number | null };
  decisionAlpha: Agreement;
  rubricAlpha: Array<{ criterion: RubricCriterion; label: string } & Agreement>;
}

type ReviewRow = { itemId: string; reviewerId: string; decision: string } & Record<RubricCriterion, unknown>;

/** `walk` sizes the walk (tests make it small to exercise it): how many items, how many reviews a batch. */
export async function reviewerAgreement(db: Db, projectId: string, f: QualityFilters, walk = { units: AGREEMENT_UNITS, batch: WALK_BATCH }): Promise<AgreementFigures> {
  const range = (column: Prisma.Sql) => rangeSql(column, f);
  const units = await recentUnits(db, projectId, f, walk);
  const person = f.userId ? Prisma.sql` AND EXISTS (SELECT 1 FROM "Review" me WHERE me."itemId" = r."itemId" AND me."reviewerId" = ${f.userId})` : Prisma.empty;
  const rows =
    units.length === 0
      ? []
      : await db.$queryRaw<ReviewRow[]>(Prisma.sql`
    SELECT r."itemId", r."reviewerId", r."decision", r."visualGrounding", r."verdictCorrectness", r."reasoningConsistency", r."tone", r."answerCorrectness"
    FROM "Review" r
    WHERE r."itemId" IN (${Prisma.join(units)})
    ${range(Prisma.sql`r."createdAt"`)}${person}
    ORDER BY r."itemId", r."createdAt", r."id"`);

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
 * The AGREEMENT_UNITS items reviewed by two or more reviewers in the range, latest review first: walks the
 * project's reviews newest first through the (projectId, createdAt, id) index, a batch at a time, and asks
 * of each item met for the first time (its latest review in the range) how many reviewers it had in the
 * range. Stops as soon as enough items qualify, so it reads a few thousand reviews, not the project's all.
 */
async function recentUnits(db: Db, projectId: string, f: QualityFilters, walk: { units: number; batch: number }): Promise<string[]> {
  const units: string[] = [];
  const seen = new Set<string>();
  let cursor: { createdAt: Date; id: string } | null = null;
  while (units.length < walk.units) {
    // A row-value comparison: both databases turn it into a range of the index.
    const after: Prisma.Sql = cursor ? Prisma.sql` AND (r."createdAt", r."id") < (${cursor.createdAt}, ${cursor.id})` : Prisma.empty;
    const batch: Array<{ id: string; itemId: string; createdAt: Date }> = await db.$queryRaw(Prisma.sql`
      SELECT r."id", r."itemId", r."createdAt" FROM "Review" r
      WHERE r."projectId" = ${projectId}${rangeSql(Prisma.sql`r."createdAt"`, f)}${after}
      ORDER BY r."createdAt" DESC, r."id" DESC LIMIT ${walk.batch}`);
    if (batch.length === 0) break;
    cursor = batch[batch.length - 1];
    const fresh = [...new Set(batch.map((r) => r.itemId))].filter((id) => !seen.has(id));
    fresh.forEach((id) => seen.add(id));
    if (fresh.length === 0) continue;
    const multi = await db.$queryRaw<Array<{ itemId: string }>>(Prisma.sql`
      SELECT r."itemId" FROM "Review" r
      WHERE r."itemId" IN (${Prisma.join(fresh)})${rangeSql(Prisma.sql`r."createdAt"`, f)}
      GROUP BY r."itemId" HAVING COUNT(DISTINCT r."reviewerId") > 1`);
    const qualifies = new Set(multi.map((m) => m.itemId));
    for (const id of fresh) if (qualifies.has(id) && units.length < walk.units) units.push(id);
    if (batch.length < walk.batch) break;
  }
  return units;
}

function mostCommonSize(units: unknown[][]): number | null {
  const sizes = new Map<number, number>();
  for (const u of units) sizes.set(u.length, (sizes.get(u.length) ?? 0) + 1);
  let best: number | null = null;
  for (const [size, count] of sizes) if (best === null || count > sizes.get(best)! || (count === sizes.get(best)! && size < best)) best = size;
  return best;
}
