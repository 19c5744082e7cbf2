// The QualityFigure rows of everything already in the database, in SQL (INSERT … SELECT): what the
// quality_figures migration ran, and what rebuildQualityFigures runs again (the bench seeds rows directly,
// tests compare it with the figures maintained on write). Same rows as lib/quality/figures/rows.ts.
import { Prisma } from "../../db/generated/sqlite/client"; // not ../../db: e2e seeding loads this outside Next.js
import type { Db } from "../../db/client";
import { lockForWriting, providerOf, sqlDay, sqlJsonNumber, sqlJsonText, type DbProvider } from "../../db/provider";

const COLUMNS = `INSERT INTO "QualityFigure" ("projectId", "kind", "day", "otherDay", "key", "detail", "n", "v1", "v2", "v3", "v4", "v5")`;

/** The statements, as plain SQL text without parameters (no semicolons: the migration splits on them). */
export function figureBackfillSql(provider: DbProvider): string[] {
  const day = (column: string) => sqlDay(provider, Prisma.raw(column)).sql;
  const after = sqlJsonText(provider, Prisma.raw(`e."after"`), "status").sql;
  const before = sqlJsonText(provider, Prisma.raw(`e."before"`), "status").sql;
  const warnings = sqlJsonNumber(provider, Prisma.raw(`e."after"`), "lintWarnings").sql;
  const itemEvent = `e."projectId" IS NOT NULL AND e."entity" = 'Item' AND (e."action" = 'create' OR ${after} IS NOT NULL)`;
  const outcome = (kind: "outcome" | "firstPass") => {
    const [neighbour, approved] = kind === "outcome" ? ["LEAD", `d."maxApprove" = d."maxAt"`] : ["LAG", `d."minApprove" = d."minAt"`];
    const counts = kind === "outcome" ? `COUNT(*), SUM(CASE WHEN ${approved} THEN 1 ELSE 0 END)` : `SUM(CASE WHEN ${approved} THEN 1 ELSE 0 END), 0`;
    return `${COLUMNS}
SELECT w."projectId", '${kind}', w."day", COALESCE(w."otherDay", ''), w."annotatorId", '', ${counts.replaceAll("d.", "w.")}, 0, 0, 0, 0
FROM (
  SELECT d.*, ${neighbour}(d."day") OVER (PARTITION BY d."itemId" ORDER BY d."day") AS "otherDay"
  FROM (
    SELECT i."projectId", i."submittedById" AS "annotatorId", r."itemId", ${day(`r."createdAt"`)} AS "day",
      MAX(r."createdAt") AS "maxAt", MIN(r."createdAt") AS "minAt",
      MAX(CASE WHEN r."decision" = 'APPROVE' THEN r."createdAt" END) AS "maxApprove",
      MIN(CASE WHEN r."decision" = 'APPROVE' THEN r."createdAt" END) AS "minApprove"
    FROM "Review" r JOIN "Item" i ON i."id" = r."itemId"
    WHERE i."submittedById" IS NOT NULL
    GROUP BY i."projectId", i."submittedById", r."itemId", ${day(`r."createdAt"`)}
  ) d
) w
GROUP BY w."projectId", w."day", COALESCE(w."otherDay", ''), w."annotatorId"`;
  };
  return [
    `UPDATE "Review" SET "projectId" = (SELECT i."projectId" FROM "Item" i WHERE i."id" = "Review"."itemId") WHERE "projectId" IS NULL`,
    `${COLUMNS}
SELECT s."projectId", 'status', s."day", '', s."status", '', SUM(s."n"), 0, 0, 0, 0, 0
FROM (
  SELECT e."projectId", ${day(`e."at"`)} AS "day", COALESCE(${after}, CASE WHEN e."action" = 'create' THEN 'DRAFT' END) AS "status", 1 AS "n"
  FROM "AuditEvent" e WHERE ${itemEvent}
  UNION ALL
  SELECT e."projectId", ${day(`e."at"`)} AS "day", ${before} AS "status", -1 AS "n"
  FROM "AuditEvent" e WHERE ${itemEvent} AND ${before} IS NOT NULL
) s
WHERE s."status" IS NOT NULL
GROUP BY s."projectId", s."day", s."status"`,
    `${COLUMNS}
SELECT e."projectId", 'submit', ${day(`e."at"`)}, '', e."actorId", '', COUNT(*), SUM(CASE WHEN ${warnings} > 0 THEN 1 ELSE 0 END), 0, 0, 0, 0
FROM "AuditEvent" e
WHERE e."projectId" IS NOT NULL AND e."entity" = 'Item' AND e."action" = 'submit' AND e."actorId" IS NOT NULL
GROUP BY e."projectId", ${day(`e."at"`)}, e."actorId"`,
    `${COLUMNS}
SELECT i."projectId", 'rubric', ${day(`r."createdAt"`)}, '', COALESCE(i."submittedById", ''), '', COUNT(*),
  SUM(r."visualGrounding"), SUM(r."verdictCorrectness"), SUM(r."reasoningConsistency"), SUM(r."tone"), SUM(r."answerCorrectness")
FROM "Review" r JOIN "Item" i ON i."id" = r."itemId"
GROUP BY i."projectId", ${day(`r."createdAt"`)}, COALESCE(i."submittedById", '')`,
    outcome("outcome"),
    outcome("firstPass"),
    `${COLUMNS}
SELECT i."projectId", 'tactic', ${day(`f."createdAt"`)}, '', COALESCE(f."authorId", ''), f."tactic",
  SUM(CASE WHEN f."kind" = 'MISLEADING' THEN 1 ELSE 0 END), SUM(CASE WHEN f."kind" = 'MISLEADING' THEN 0 ELSE 1 END), 0, 0, 0, 0
FROM "FollowUp" f JOIN "Item" i ON i."id" = f."itemId"
GROUP BY i."projectId", ${day(`f."createdAt"`)}, COALESCE(f."authorId", ''), f."tactic"`,
  ];
}

/** Recomputes every project's figures from the rows they summarise, under the write lock. */
export async function rebuildQualityFigures(db: Db): Promise<void> {
  const provider = providerOf(db);
  await db.$transaction(
    async (tx) => {
      await lockForWriting(tx, provider);
      await tx.$executeRawUnsafe(`DELETE FROM "QualityFigure"`);
      for (const statement of figureBackfillSql(provider)) await tx.$executeRawUnsafe(statement);
    },
    { timeout: 600_000 },
  );
}
