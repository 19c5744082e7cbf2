-- DropIndex
DROP INDEX "EvalConversation_runId_followUpId_condition_key";

-- AlterTable
ALTER TABLE "EvalConversation" ADD COLUMN     "round" TEXT NOT NULL DEFAULT 'MULTI';

-- AlterTable
ALTER TABLE "EvalRun" ADD COLUMN     "rounds" JSONB;

-- CreateIndex
CREATE UNIQUE INDEX "EvalConversation_runId_followUpId_condition_round_key" ON "EvalConversation"("runId", "followUpId", "condition", "round");
