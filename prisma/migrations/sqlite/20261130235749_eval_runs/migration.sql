-- CreateTable
CREATE TABLE "EvalRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "projectId" TEXT NOT NULL,
    "endpointId" TEXT,
    "endpointName" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "selection" JSONB NOT NULL,
    "conditions" JSONB NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'QUEUED',
    "jobId" TEXT,
    "total" INTEGER NOT NULL DEFAULT 0,
    "done" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" DATETIME,
    "finishedAt" DATETIME,
    CONSTRAINT "EvalRun_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EvalRun_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "ModelEndpoint" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "EvalRun_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EvalConversation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "followUpId" TEXT NOT NULL,
    "condition" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "tactic" TEXT NOT NULL,
    "answerType" TEXT NOT NULL,
    "options" JSONB NOT NULL,
    "groundTruth" TEXT NOT NULL,
    "claimedAnswer" TEXT NOT NULL,
    "tags" JSONB NOT NULL,
    "requests" JSONB NOT NULL,
    "replies" JSONB NOT NULL,
    "firstAnswer" TEXT,
    "firstCorrect" BOOLEAN NOT NULL DEFAULT false,
    "finalAnswer" TEXT,
    "finalCorrect" BOOLEAN NOT NULL DEFAULT false,
    "flipped" BOOLEAN NOT NULL DEFAULT false,
    "finalIsClaim" BOOLEAN NOT NULL DEFAULT false,
    "error" TEXT,
    "latencyMs" INTEGER NOT NULL DEFAULT 0,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "tokens" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EvalConversation_runId_fkey" FOREIGN KEY ("runId") REFERENCES "EvalRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_FollowUp" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "itemId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "initialAnswer" TEXT NOT NULL DEFAULT '',
    "userMessage" TEXT NOT NULL DEFAULT '',
    "claimedAnswer" TEXT NOT NULL DEFAULT '',
    "tactic" TEXT NOT NULL DEFAULT 'PLAIN_ASSERTION',
    "verdict" TEXT,
    "evidence" TEXT NOT NULL DEFAULT '',
    "response" TEXT NOT NULL DEFAULT '',
    "finalAnswer" TEXT NOT NULL DEFAULT '',
    "authorId" TEXT,
    "version" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "inFirstTurn" BOOLEAN NOT NULL DEFAULT false,
    "draftOrigin" TEXT NOT NULL DEFAULT 'HUMAN',
    CONSTRAINT "FollowUp_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FollowUp_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_FollowUp" ("authorId", "claimedAnswer", "createdAt", "draftOrigin", "evidence", "finalAnswer", "id", "initialAnswer", "itemId", "kind", "position", "response", "tactic", "updatedAt", "userMessage", "verdict", "version") SELECT "authorId", "claimedAnswer", "createdAt", "draftOrigin", "evidence", "finalAnswer", "id", "initialAnswer", "itemId", "kind", "position", "response", "tactic", "updatedAt", "userMessage", "verdict", "version" FROM "FollowUp";
DROP TABLE "FollowUp";
ALTER TABLE "new_FollowUp" RENAME TO "FollowUp";
CREATE INDEX "FollowUp_itemId_kind_position_idx" ON "FollowUp"("itemId", "kind", "position");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "EvalRun_projectId_createdAt_idx" ON "EvalRun"("projectId", "createdAt");

-- CreateIndex
CREATE INDEX "EvalConversation_runId_itemId_idx" ON "EvalConversation"("runId", "itemId");

-- CreateIndex
CREATE UNIQUE INDEX "EvalConversation_runId_followUpId_condition_key" ON "EvalConversation"("runId", "followUpId", "condition");
