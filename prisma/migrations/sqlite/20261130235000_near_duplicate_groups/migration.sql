-- Near-duplicate groups stored at ingest (lib/images/groups.ts). No backfill here: SQL cannot compare
-- perceptual hashes, so existing assets keep a null group and their project a null threshold, and the
-- first export, near-duplicate listing or `npx srt images regroup` of the project computes them.
-- AlterTable
ALTER TABLE "Asset" ADD COLUMN "ingestSeq" INTEGER;
ALTER TABLE "Asset" ADD COLUMN "nearDuplicateGroup" TEXT;

-- AlterTable
ALTER TABLE "Project" ADD COLUMN "nearDuplicateGroupsThreshold" INTEGER;

-- CreateIndex
CREATE INDEX "Asset_projectId_nearDuplicateGroup_idx" ON "Asset"("projectId", "nearDuplicateGroup");

-- CreateIndex
CREATE INDEX "Asset_projectId_ingestSeq_idx" ON "Asset"("projectId", "ingestSeq");
