-- CreateEnum
CREATE TYPE "DraftOrigin" AS ENUM ('HUMAN', 'MODEL', 'MODEL_EDITED');

-- AlterTable
ALTER TABLE "FollowUp" ADD COLUMN     "draftOrigin" "DraftOrigin" NOT NULL DEFAULT 'HUMAN';

-- CreateTable
CREATE TABLE "ModelAnswer" (
    "id" TEXT NOT NULL,
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
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ModelAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ModelAnswer_itemId_endpointId_createdAt_idx" ON "ModelAnswer"("itemId", "endpointId", "createdAt");

-- CreateIndex
CREATE INDEX "ModelAnswer_endpointId_idx" ON "ModelAnswer"("endpointId");

-- AddForeignKey
ALTER TABLE "ModelAnswer" ADD CONSTRAINT "ModelAnswer_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ModelAnswer" ADD CONSTRAINT "ModelAnswer_endpointId_fkey" FOREIGN KEY ("endpointId") REFERENCES "ModelEndpoint"("id") ON DELETE CASCADE ON UPDATE CASCADE;
