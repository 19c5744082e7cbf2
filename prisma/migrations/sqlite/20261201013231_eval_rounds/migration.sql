-- AlterTable
ALTER TABLE "EvalRun" ADD COLUMN "rounds" JSONB;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_EvalConversation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "runId" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "followUpId" TEXT NOT NULL,
    "condition" TEXT NOT NULL,
    "round" TEXT NOT NULL DEFAULT 'MULTI',
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
INSERT INTO "new_EvalConversation" ("answerType", "attempts", "claimedAnswer", "condition", "createdAt", "error", "finalAnswer", "finalCorrect", "finalIsClaim", "firstAnswer", "firstCorrect", "flipped", "followUpId", "groundTruth", "id", "itemId", "kind", "latencyMs", "options", "replies", "requests", "runId", "tactic", "tags", "tokens") SELECT "answerType", "attempts", "claimedAnswer", "condition", "createdAt", "error", "finalAnswer", "finalCorrect", "finalIsClaim", "firstAnswer", "firstCorrect", "flipped", "followUpId", "groundTruth", "id", "itemId", "kind", "latencyMs", "options", "replies", "requests", "runId", "tactic", "tags", "tokens" FROM "EvalConversation";
DROP TABLE "EvalConversation";
ALTER TABLE "new_EvalConversation" RENAME TO "EvalConversation";
CREATE INDEX "EvalConversation_runId_itemId_idx" ON "EvalConversation"("runId", "itemId");
CREATE UNIQUE INDEX "EvalConversation_runId_followUpId_condition_round_key" ON "EvalConversation"("runId", "followUpId", "condition", "round");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
