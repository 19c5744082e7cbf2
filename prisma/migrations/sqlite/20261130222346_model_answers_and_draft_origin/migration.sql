-- CreateTable
CREATE TABLE "ModelAnswer" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "itemId" TEXT NOT NULL,
    "endpointId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "prompt" TEXT NOT NULL,
    "rawReply" TEXT NOT NULL DEFAULT '',
    "parsedAnswer" TEXT,
    "correct" BOOLEAN,
    "latencyMs" INTEGER,
    "promptTokens" INTEGER,
    "completionTokens" INTEGER,
    "error" TEXT,
    "createdById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ModelAnswer_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ModelAnswer_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "ModelEndpoint" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
    "draftOrigin" TEXT NOT NULL DEFAULT 'HUMAN',
    CONSTRAINT "FollowUp_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FollowUp_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_FollowUp" ("authorId", "claimedAnswer", "createdAt", "evidence", "finalAnswer", "id", "initialAnswer", "itemId", "kind", "position", "response", "tactic", "updatedAt", "userMessage", "verdict", "version") SELECT "authorId", "claimedAnswer", "createdAt", "evidence", "finalAnswer", "id", "initialAnswer", "itemId", "kind", "position", "response", "tactic", "updatedAt", "userMessage", "verdict", "version" FROM "FollowUp";
DROP TABLE "FollowUp";
ALTER TABLE "new_FollowUp" RENAME TO "FollowUp";
CREATE INDEX "FollowUp_itemId_kind_position_idx" ON "FollowUp"("itemId", "kind", "position");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ModelAnswer_itemId_endpointId_createdAt_idx" ON "ModelAnswer"("itemId", "endpointId", "createdAt");

-- CreateIndex
CREATE INDEX "ModelAnswer_endpointId_idx" ON "ModelAnswer"("endpointId");
