-- CreateIndex
CREATE INDEX "Item_projectId_updatedAt_id_idx" ON "Item"("projectId", "updatedAt", "id");
