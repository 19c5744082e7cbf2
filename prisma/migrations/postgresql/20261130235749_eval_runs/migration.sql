-- AlterTable
ALTER TABLE "FollowUp" ADD COLUMN     "inFirstTurn" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "EvalRun" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "EvalRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvalConversation" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EvalConversation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EvalRun_projectId_createdAt_idx" ON "EvalRun"("projectId", "createdAt");

-- CreateIndex
CREATE INDEX "EvalConversation_runId_itemId_idx" ON "EvalConversation"("runId", "itemId");

-- CreateIndex
CREATE UNIQUE INDEX "EvalConversation_runId_followUpId_condition_key" ON "EvalConversation"("runId", "followUpId", "condition");

-- AddForeignKey
ALTER TABLE "EvalRun" ADD CONSTRAINT "EvalRun_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvalRun" ADD CONSTRAINT "EvalRun_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "ModelEndpoint"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvalRun" ADD CONSTRAINT "EvalRun_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvalConversation" ADD CONSTRAINT "EvalConversation_runId_fkey" FOREIGN KEY ("runId") REFERENCES "EvalRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;
