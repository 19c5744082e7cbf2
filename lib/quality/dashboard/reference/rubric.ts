// The rubric query as it was before the QualityFigure rows (scanning reviews and the audit log): kept as the
// oracle the dashboard's integration test compares the figures-based query with. Not used by the app.
import type { Db } from "../../../db/client";
import { Prisma } from "../../../db";
import type { QualityFilters } from "../../filters";
import { RUBRIC_CRITERIA, type RubricRow } from "../rubric";
import { num, numOrNull, rangeSql } from "../scope";


export async function rubricMeans(db: Db, projectId: string, f: QualityFilters): Promise<RubricRow[]> {
  const averages = Prisma.join(RUBRIC_CRITERIA.map((c) => Prisma.sql`AVG(r.${Prisma.raw(`"${c.key}"`)} * 1.0) AS ${Prisma.raw(`"${c.key}"`)}`));
  const person = f.userId ? Prisma.sql` AND i."submittedById" = ${f.userId}` : Prisma.empty;
  const [row] = await db.$queryRaw<Array<Record<string, unknown>>>(Prisma.sql`
    SELECT COUNT(*) AS "reviews", ${averages}
    FROM "Review" r JOIN "Item" i ON i."id" = r."itemId"
    WHERE i."projectId" = ${projectId}${rangeSql(Prisma.sql`r."createdAt"`, f)}${person}`);
  return RUBRIC_CRITERIA.map((c) => ({ criterion: c.key, label: c.label, mean: numOrNull(row?.[c.key]), reviews: num(row?.reviews) }));
}
