-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "projectId" TEXT;

-- CreateTable
CREATE TABLE "GoldAttempt" (
    "id" TEXT NOT NULL,
    "projectId" TEXT NOT NULL,
    "goldItemId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "annotatorId" TEXT NOT NULL,
    "checks" INTEGER NOT NULL DEFAULT 0,
    "correct" INTEGER NOT NULL DEFAULT 0,
    "details" JSONB,
    "scoredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GoldAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GoldSchedule" (
    "projectId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "served" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "GoldSchedule_pkey" PRIMARY KEY ("projectId","userId")
);

-- CreateIndex
CREATE UNIQUE INDEX "GoldAttempt_itemId_key" ON "GoldAttempt"("itemId");

-- CreateIndex
CREATE INDEX "GoldAttempt_projectId_annotatorId_idx" ON "GoldAttempt"("projectId", "annotatorId");

-- CreateIndex
CREATE INDEX "GoldAttempt_goldItemId_annotatorId_idx" ON "GoldAttempt"("goldItemId", "annotatorId");

-- CreateIndex
CREATE INDEX "AuditEvent_projectId_at_idx" ON "AuditEvent"("projectId", "at");

-- AddForeignKey
ALTER TABLE "GoldAttempt" ADD CONSTRAINT "GoldAttempt_goldItemId_fkey" FOREIGN KEY ("goldItemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoldAttempt" ADD CONSTRAINT "GoldAttempt_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoldAttempt" ADD CONSTRAINT "GoldAttempt_annotatorId_fkey" FOREIGN KEY ("annotatorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: the project of every event whose entity still exists (deleted entities stay null).
UPDATE "AuditEvent" SET "projectId" = "entityId" WHERE "entity" = 'Project' AND EXISTS (SELECT 1 FROM "Project" p WHERE p."id" = "AuditEvent"."entityId");
UPDATE "AuditEvent" SET "projectId" = (SELECT i."projectId" FROM "Item" i WHERE i."id" = "AuditEvent"."entityId") WHERE "entity" = 'Item';
UPDATE "AuditEvent" SET "projectId" = (SELECT i."projectId" FROM "FollowUp" f JOIN "Item" i ON i."id" = f."itemId" WHERE f."id" = "AuditEvent"."entityId") WHERE "entity" = 'FollowUp';
UPDATE "AuditEvent" SET "projectId" = (SELECT a."projectId" FROM "Asset" a WHERE a."id" = "AuditEvent"."entityId") WHERE "entity" = 'Asset';
UPDATE "AuditEvent" SET "projectId" = (SELECT e."projectId" FROM "ExportJob" e WHERE e."id" = "AuditEvent"."entityId") WHERE "entity" = 'ExportJob';
