-- CreateIndex
CREATE INDEX "Item_projectId_submittedById_idx" ON "Item"("projectId", "submittedById");

-- Backfill: items submitted before submittedById was written (review_workflow) get their latest submitter
-- from the audit trail, as a submit today would have set it (the quality dashboard reads only this column).
UPDATE "Item" SET "submittedById" = (
  SELECT s."actorId" FROM "AuditEvent" s
  WHERE s."entity" = 'Item' AND s."entityId" = "Item"."id" AND s."action" = 'submit' AND s."actorId" IS NOT NULL
  ORDER BY s."at" DESC LIMIT 1)
WHERE "submittedById" IS NULL;
