-- CreateTable
CREATE TABLE "ItemStatusCount" (
    "projectId" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "items" INTEGER NOT NULL,

    PRIMARY KEY ("projectId", "status"),
    CONSTRAINT "ItemStatusCount_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Triggers keep the counts exact for every write, in the writer's transaction. A project's row for a
-- status appears with its first item of that status. (SQLite runs one writer at a time: no contention.)
CREATE TRIGGER "Item_status_count_insert" AFTER INSERT ON "Item" BEGIN
  INSERT INTO "ItemStatusCount" ("projectId", "status", "items") VALUES (new."projectId", new."status", 1)
  ON CONFLICT ("projectId", "status") DO UPDATE SET "items" = "items" + 1;
END;
CREATE TRIGGER "Item_status_count_update" AFTER UPDATE OF "status", "projectId" ON "Item"
  WHEN old."status" IS NOT new."status" OR old."projectId" IS NOT new."projectId" BEGIN
  UPDATE "ItemStatusCount" SET "items" = "items" - 1 WHERE "projectId" = old."projectId" AND "status" = old."status";
  INSERT INTO "ItemStatusCount" ("projectId", "status", "items") VALUES (new."projectId", new."status", 1)
  ON CONFLICT ("projectId", "status") DO UPDATE SET "items" = "items" + 1;
END;
CREATE TRIGGER "Item_status_count_delete" AFTER DELETE ON "Item" BEGIN
  UPDATE "ItemStatusCount" SET "items" = "items" - 1 WHERE "projectId" = old."projectId" AND "status" = old."status";
END;

-- Backfill the projects' items written before this migration.
INSERT INTO "ItemStatusCount" ("projectId", "status", "items")
  SELECT "projectId", "status", COUNT(*) FROM "Item" GROUP BY "projectId", "status";
