-- AlterTable
ALTER TABLE "Review" ADD COLUMN "projectId" TEXT;

-- CreateTable
CREATE TABLE "QualityFigure" (
    "projectId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "otherDay" TEXT NOT NULL DEFAULT '',
    "key" TEXT NOT NULL DEFAULT '',
    "detail" TEXT NOT NULL DEFAULT '',
    "n" INTEGER NOT NULL DEFAULT 0,
    "v1" INTEGER NOT NULL DEFAULT 0,
    "v2" INTEGER NOT NULL DEFAULT 0,
    "v3" INTEGER NOT NULL DEFAULT 0,
    "v4" INTEGER NOT NULL DEFAULT 0,
    "v5" INTEGER NOT NULL DEFAULT 0,
    "shard" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("projectId", "kind", "day", "otherDay", "key", "detail", "shard")
);

-- CreateIndex
CREATE INDEX "Review_projectId_createdAt_id_idx" ON "Review"("projectId", "createdAt", "id");

-- Backfill (lib/quality/figures/backfill.ts, figureBackfillSql): reviews get their item's project, and the
-- dashboard's per-day figures are computed from the reviews and the Item audit events already written.
UPDATE "Review" SET "projectId" = (SELECT i."projectId" FROM "Item" i WHERE i."id" = "Review"."itemId") WHERE "projectId" IS NULL;

INSERT INTO "QualityFigure" ("projectId", "kind", "day", "otherDay", "key", "n", "v1", "v2", "v3", "v4", "v5")
SELECT s."projectId", 'status', s."day", '', s."status", SUM(s."n"), 0, 0, 0, 0, 0
FROM (
  SELECT e."projectId", strftime('%Y-%m-%d', e."at") AS "day", COALESCE(json_extract(e."after", '$.status'), CASE WHEN e."action" = 'create' THEN 'DRAFT' END) AS "status", 1 AS "n"
  FROM "AuditEvent" e WHERE e."projectId" IS NOT NULL AND e."entity" = 'Item' AND (e."action" = 'create' OR json_extract(e."after", '$.status') IS NOT NULL)
  UNION ALL
  SELECT e."projectId", strftime('%Y-%m-%d', e."at") AS "day", json_extract(e."before", '$.status') AS "status", -1 AS "n"
  FROM "AuditEvent" e WHERE e."projectId" IS NOT NULL AND e."entity" = 'Item' AND (e."action" = 'create' OR json_extract(e."after", '$.status') IS NOT NULL) AND json_extract(e."before", '$.status') IS NOT NULL
) s
WHERE s."status" IS NOT NULL
GROUP BY s."projectId", s."day", s."status";

INSERT INTO "QualityFigure" ("projectId", "kind", "day", "otherDay", "key", "n", "v1", "v2", "v3", "v4", "v5")
SELECT e."projectId", 'submit', strftime('%Y-%m-%d', e."at"), '', e."actorId", COUNT(*), SUM(CASE WHEN json_extract(e."after", '$.lintWarnings') > 0 THEN 1 ELSE 0 END), 0, 0, 0, 0
FROM "AuditEvent" e
WHERE e."projectId" IS NOT NULL AND e."entity" = 'Item' AND e."action" = 'submit' AND e."actorId" IS NOT NULL
GROUP BY e."projectId", strftime('%Y-%m-%d', e."at"), e."actorId";

INSERT INTO "QualityFigure" ("projectId", "kind", "day", "otherDay", "key", "n", "v1", "v2", "v3", "v4", "v5")
SELECT i."projectId", 'rubric', strftime('%Y-%m-%d', r."createdAt"), '', COALESCE(i."submittedById", ''), COUNT(*),
  SUM(r."visualGrounding"), SUM(r."verdictCorrectness"), SUM(r."reasoningConsistency"), SUM(r."tone"), SUM(r."answerCorrectness")
FROM "Review" r JOIN "Item" i ON i."id" = r."itemId"
GROUP BY i."projectId", strftime('%Y-%m-%d', r."createdAt"), COALESCE(i."submittedById", '');

INSERT INTO "QualityFigure" ("projectId", "kind", "day", "otherDay", "key", "n", "v1", "v2", "v3", "v4", "v5")
SELECT w."projectId", 'outcome', w."day", COALESCE(w."otherDay", ''), w."annotatorId", COUNT(*), SUM(CASE WHEN w."maxApprove" = w."maxAt" THEN 1 ELSE 0 END), 0, 0, 0, 0
FROM (
  SELECT d.*, LEAD(d."day") OVER (PARTITION BY d."itemId" ORDER BY d."day") AS "otherDay"
  FROM (
    SELECT i."projectId", i."submittedById" AS "annotatorId", r."itemId", strftime('%Y-%m-%d', r."createdAt") AS "day",
      MAX(r."createdAt") AS "maxAt", MIN(r."createdAt") AS "minAt",
      MAX(CASE WHEN r."decision" = 'APPROVE' THEN r."createdAt" END) AS "maxApprove",
      MIN(CASE WHEN r."decision" = 'APPROVE' THEN r."createdAt" END) AS "minApprove"
    FROM "Review" r JOIN "Item" i ON i."id" = r."itemId"
    WHERE i."submittedById" IS NOT NULL
    GROUP BY i."projectId", i."submittedById", r."itemId", strftime('%Y-%m-%d', r."createdAt")
  ) d
) w
GROUP BY w."projectId", w."day", COALESCE(w."otherDay", ''), w."annotatorId";

INSERT INTO "QualityFigure" ("projectId", "kind", "day", "otherDay", "key", "n", "v1", "v2", "v3", "v4", "v5")
SELECT w."projectId", 'firstPass', w."day", COALESCE(w."otherDay", ''), w."annotatorId", SUM(CASE WHEN w."minApprove" = w."minAt" THEN 1 ELSE 0 END), 0, 0, 0, 0, 0
FROM (
  SELECT d.*, LAG(d."day") OVER (PARTITION BY d."itemId" ORDER BY d."day") AS "otherDay"
  FROM (
    SELECT i."projectId", i."submittedById" AS "annotatorId", r."itemId", strftime('%Y-%m-%d', r."createdAt") AS "day",
      MAX(r."createdAt") AS "maxAt", MIN(r."createdAt") AS "minAt",
      MAX(CASE WHEN r."decision" = 'APPROVE' THEN r."createdAt" END) AS "maxApprove",
      MIN(CASE WHEN r."decision" = 'APPROVE' THEN r."createdAt" END) AS "minApprove"
    FROM "Review" r JOIN "Item" i ON i."id" = r."itemId"
    WHERE i."submittedById" IS NOT NULL
    GROUP BY i."projectId", i."submittedById", r."itemId", strftime('%Y-%m-%d', r."createdAt")
  ) d
) w
GROUP BY w."projectId", w."day", COALESCE(w."otherDay", ''), w."annotatorId";

