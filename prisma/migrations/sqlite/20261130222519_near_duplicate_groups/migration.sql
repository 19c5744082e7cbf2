-- AlterTable
ALTER TABLE "Asset" ADD COLUMN "ingestSeq" INTEGER;
ALTER TABLE "Asset" ADD COLUMN "nearDuplicateGroup" TEXT;

-- AlterTable
ALTER TABLE "Project" ADD COLUMN "nearDuplicateGroupsThreshold" INTEGER;

-- CreateIndex
CREATE INDEX "Asset_projectId_nearDuplicateGroup_idx" ON "Asset"("projectId", "nearDuplicateGroup");

-- CreateIndex
CREATE INDEX "Asset_projectId_ingestSeq_idx" ON "Asset"("projectId", "ingestSeq");
