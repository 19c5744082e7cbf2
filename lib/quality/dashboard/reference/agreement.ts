// The reviewer agreement query as it was before the QualityFigure rows (scanning reviews and the audit log): kept as the
// oracle the dashboard's integration test compares the figures-based query with. Not used by the app.
import type { Db } from "../../../db/client";
import { Prisma } from "../../../db";
import { fleissKappa, fleissTable, krippendorffAlpha, pairwiseCohen, valuesByUnit, type Rating } from "../../agreement";
import type { QualityFilters } from "../../filters";
import { AGREEMENT_UNITS, type AgreementFigures } from "../agreement";
import { RUBRIC_CRITERIA, type RubricCriterion } from "../rubric";
import { num, rangeSql } from "../scope";

const DECISIONS = ["APPROVE", "REQUEST_CHANGES", "REJECT"] as const;
const DECISION_CODE: Record<string, number> = { APPROVE: 0, REQUEST_CHANGES: 1, REJECT: 2 };

type ReviewRow = { itemId: string; reviewerId: string; decision: string } & Record<RubricCriterion, unknown>;

export async function reviewerAgreement(db: Db, projectId: string, f: QualityFilters, units = AGREEMENT_UNITS): Promise<AgreementFigures> {
  const range = (column: Prisma.Sql) => rangeSql(column, f);
  const person = f.userId ? Prisma.sql` AND EXISTS (SELECT 1 FROM "Review" me WHERE me."itemId" = r."itemId" AND me."reviewerId" = ${f.userId})` : Prisma.empty;
  const rows = await db.$queryRaw<ReviewRow[]>(Prisma.sql`
    SELECT r."itemId", r."reviewerId", r."decision", r."visualGrounding", r."verdictCorrectness", r."reasoningConsistency", r."tone", r."answerCorrectness"
    FROM "Review" r
    WHERE r."itemId" IN (
      SELECT m."itemId" FROM "Review" m JOIN "Item" i ON i."id" = m."itemId"
      WHERE i."projectId" = ${projectId}${range(Prisma.sql`m."createdAt"`)}
      GROUP BY m."itemId" HAVING COUNT(DISTINCT m."reviewerId") > 1
      ORDER BY MAX(m."createdAt") DESC LIMIT ${units})
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

function mostCommonSize(units: unknown[][]): number | null {
  const sizes = new Map<number, number>();
  for (const u of units) sizes.set(u.length, (sizes.get(u.length) ?? 0) + 1);
  let best: number | null = null;
  for (const [size, count] of sizes) if (best === null || count > sizes.get(best)! || (count === sizes.get(best)! && size < best)) best = size;
  return best;
}
