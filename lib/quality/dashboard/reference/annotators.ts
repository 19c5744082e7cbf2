// The annotators query as it was before the QualityFigure rows (scanning reviews and the audit log): kept as the
// oracle the dashboard's integration test compares the figures-based query with. Not used by the app.
import type { Db } from "../../../db/client";
import { providerOf, sqlJsonNumber } from "../../../db/provider";
import { Prisma } from "../../../db";
import type { QualityFilters } from "../../filters";
import type { AnnotatorRow } from "../annotators";
import { num, rangeSql } from "../scope";

export async function annotatorFigures(db: Db, projectId: string, f: QualityFilters): Promise<AnnotatorRow[]> {
  const provider = providerOf(db);
  const warnings = sqlJsonNumber(provider, Prisma.sql`e."after"`, "lintWarnings");
  const person = (column: Prisma.Sql) => (f.userId ? Prisma.sql` AND ${column} = ${f.userId}` : Prisma.empty);
  const [submissions, reviews] = await Promise.all([
    db.$queryRaw<Array<{ userId: string; submitted: unknown; withWarnings: unknown }>>(Prisma.sql`
      SELECT e."actorId" AS "userId", COUNT(*) AS "submitted", SUM(CASE WHEN ${warnings} > 0 THEN 1 ELSE 0 END) AS "withWarnings"
      FROM "AuditEvent" e
      WHERE e."projectId" = ${projectId} AND e."entity" = 'Item' AND e."action" = 'submit' AND e."actorId" IS NOT NULL
        ${rangeSql(Prisma.sql`e."at"`, f)}${person(Prisma.sql`e."actorId"`)}
      GROUP BY e."actorId"`),
    db.$queryRaw<Array<{ userId: string; reviewed: unknown; accepted: unknown; firstPass: unknown }>>(Prisma.sql`
      WITH "outcomes" AS (
        SELECT i."submittedById" AS "annotatorId",
          CASE WHEN MAX(CASE WHEN r."decision" = 'APPROVE' THEN r."createdAt" END) = MAX(r."createdAt") THEN 1 ELSE 0 END AS "accepted",
          CASE WHEN MIN(CASE WHEN r."decision" = 'APPROVE' THEN r."createdAt" END) = MIN(r."createdAt") THEN 1 ELSE 0 END AS "firstPass"
        FROM "Review" r JOIN "Item" i ON i."id" = r."itemId"
        WHERE i."projectId" = ${projectId}${rangeSql(Prisma.sql`r."createdAt"`, f)}${person(Prisma.sql`i."submittedById"`)}
        GROUP BY i."id")
      SELECT o."annotatorId" AS "userId", COUNT(*) AS "reviewed", SUM(o."accepted") AS "accepted", SUM(o."firstPass") AS "firstPass"
      FROM "outcomes" o
      WHERE o."annotatorId" IS NOT NULL
      GROUP BY o."annotatorId"`),
  ]);
  const rows = new Map<string, AnnotatorRow>();
  const row = (userId: string) => {
    let r = rows.get(userId);
    if (!r) rows.set(userId, (r = { userId, name: "", submitted: 0, withWarnings: 0, reviewed: 0, accepted: 0, firstPassApproved: 0 }));
    return r;
  };
  for (const s of submissions) Object.assign(row(s.userId), { submitted: num(s.submitted), withWarnings: num(s.withWarnings) });
  for (const r of reviews) Object.assign(row(r.userId), { reviewed: num(r.reviewed), accepted: num(r.accepted), firstPassApproved: num(r.firstPass) });
  const users = await db.user.findMany({ where: { id: { in: [...rows.keys()] } }, select: { id: true, name: true } });
  for (const u of users) row(u.id).name = u.name;
  return [...rows.values()].map((r) => ({ ...r, name: r.name || "(deleted)" })).sort((a, b) => b.submitted - a.submitted || a.name.localeCompare(b.name));
}
