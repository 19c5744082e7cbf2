-- CreateTable
CREATE TABLE "ReviewComment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "reviewId" TEXT NOT NULL,
    "followUpId" TEXT,
    "field" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReviewComment_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ItemRevision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "itemId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "authorId" TEXT,
    "content" JSONB NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ItemRevision_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Adjudication" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "itemId" TEXT NOT NULL,
    "round" INTEGER NOT NULL,
    "adjudicatorId" TEXT,
    "decision" TEXT NOT NULL,
    "reason" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Adjudication_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Item" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "assetId" TEXT NOT NULL,
    "question" TEXT NOT NULL,
    "answerType" TEXT NOT NULL,
    "options" JSONB NOT NULL,
    "groundTruth" TEXT NOT NULL,
    "caption" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "assigneeId" TEXT,
    "leaseExpiresAt" DATETIME,
    "version" INTEGER NOT NULL DEFAULT 1,
    "isGold" BOOLEAN NOT NULL DEFAULT false,
    "lintWarnings" INTEGER NOT NULL DEFAULT 0,
    "submittedById" TEXT,
    "reviewerId" TEXT,
    "reviewLeaseExpiresAt" DATETIME,
    "reviewRound" INTEGER NOT NULL DEFAULT 1,
    "awaitingAdjudication" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Item_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Item_assetId_fkey" FOREIGN KEY ("assetId") REFERENCES "Asset" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Item_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Item" ("answerType", "assetId", "assigneeId", "caption", "createdAt", "groundTruth", "id", "isGold", "leaseExpiresAt", "lintWarnings", "options", "projectId", "question", "status", "updatedAt", "version") SELECT "answerType", "assetId", "assigneeId", "caption", "createdAt", "groundTruth", "id", "isGold", "leaseExpiresAt", "lintWarnings", "options", "projectId", "question", "status", "updatedAt", "version" FROM "Item";
DROP TABLE "Item";
ALTER TABLE "new_Item" RENAME TO "Item";
CREATE INDEX "Item_projectId_status_id_idx" ON "Item"("projectId", "status", "id");
CREATE INDEX "Item_projectId_id_idx" ON "Item"("projectId", "id");
CREATE INDEX "Item_projectId_updatedAt_id_idx" ON "Item"("projectId", "updatedAt", "id");
CREATE INDEX "Item_assigneeId_status_idx" ON "Item"("assigneeId", "status");
CREATE INDEX "Item_assetId_idx" ON "Item"("assetId");
CREATE TABLE "new_Review" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "itemId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "visualGrounding" INTEGER NOT NULL,
    "verdictCorrectness" INTEGER NOT NULL,
    "reasoningConsistency" INTEGER NOT NULL,
    "tone" INTEGER NOT NULL,
    "answerCorrectness" INTEGER NOT NULL,
    "decision" TEXT NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "round" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Review_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Review_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Review" ("answerCorrectness", "comment", "createdAt", "decision", "id", "itemId", "reasoningConsistency", "reviewerId", "tone", "verdictCorrectness", "visualGrounding") SELECT "answerCorrectness", "comment", "createdAt", "decision", "id", "itemId", "reasoningConsistency", "reviewerId", "tone", "verdictCorrectness", "visualGrounding" FROM "Review";
DROP TABLE "Review";
ALTER TABLE "new_Review" RENAME TO "Review";
CREATE INDEX "Review_itemId_createdAt_idx" ON "Review"("itemId", "createdAt");
CREATE INDEX "Review_reviewerId_idx" ON "Review"("reviewerId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ReviewComment_reviewId_idx" ON "ReviewComment"("reviewId");

-- CreateIndex
CREATE INDEX "ItemRevision_itemId_createdAt_idx" ON "ItemRevision"("itemId", "createdAt");

-- CreateIndex
CREATE INDEX "Adjudication_itemId_round_idx" ON "Adjudication"("itemId", "round");
