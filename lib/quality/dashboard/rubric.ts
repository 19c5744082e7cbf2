// Mean rubric score per criterion over the reviews in the range (of the person's items when filtered).
import type { Db } from "../../db/client";
import { Prisma } from "../../db";
import type { QualityFilters } from "../filters";
import { num, numOrNull, rangeSql } from "./scope";

/** The rubric's criteria as Review columns, with what people read. */
export const RUBRIC_CRITERIA = [
  { key: "visualGrounding", label: "Visual grounding" },
  { key: "verdictCorrectness", label: "Verdict correctness" },
  { key: "reasoningConsistency", label: "Reasoning consistency" },
  { key: "tone", label: "Tone" },
  { key: "answerCorrectness", label: "Answer correctness" },
] as const;
export type RubricCriterion = (typeof RUBRIC_CRITERIA)[number]["key"];

export interface RubricRow {
  criterion: RubricCriterion;
  label: string;
  mean: number | null;
  reviews: number;
}

export async function rubricMeans(db: Db, projectId: string, f: QualityFilters): Promise<RubricRow[]> {
  const averages = Prisma.join(RUBRIC_CRITERIA.map((c) => Prisma.sql`AVG(r.${Prisma.raw(`"${c.key}"`)} * 1.0) AS ${Prisma.raw(`"${c.key}"`)}`));
  const person = f.userId ? Prisma.sql` AND i."submittedById" = ${f.userId}` : Prisma.empty;
  const [row] = await db.$queryRaw<Array<Record<string, unknown>>>(Prisma.sql`
    SELECT COUNT(*) AS "reviews", ${averages}
    FROM "Review" r JOIN "Item" i ON i."id" = r."itemId"
    WHERE i."projectId" = ${projectId}${rangeSql(Prisma.sql`r."createdAt"`, f)}${person}`);
  return RUBRIC_CRITERIA.map((c) => ({ criterion: c.key, label: c.label, mean: numOrNull(row?.[c.key]), reviews: num(row?.reviews) }));
}
