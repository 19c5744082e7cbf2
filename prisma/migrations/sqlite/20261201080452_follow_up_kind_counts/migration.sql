-- CreateTable
CREATE TABLE "FollowUpKindCount" (
    "projectId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "shard" INTEGER NOT NULL DEFAULT 0,
    "followUps" INTEGER NOT NULL,

    PRIMARY KEY ("projectId", "kind", "shard"),
    CONSTRAINT "FollowUpKindCount_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Triggers keep the counts exact for every write, in the writer's transaction: a follow-up's insertion,
-- deletion, change of kind or of item, and its item's move to another project. A deleted item's
-- follow-ups are taken away just before the item goes (BEFORE DELETE): its cascade deletes them after
-- the item, when FollowUp's delete trigger no longer finds their project and counts nothing. A deletion
-- only updates (its project's rows may be gone already when the project itself is being deleted). A
-- project's row for a kind appears with its first follow-up of that kind. SQLite runs one writer at a
-- time, so every count is in shard 0. A later migration that rebuilds FollowUp or Item drops their
-- triggers and must create them again (lib/db/triggers.int.test.ts fails until it does).
CREATE TRIGGER "FollowUp_kind_count_insert" AFTER INSERT ON "FollowUp" BEGIN
  INSERT INTO "FollowUpKindCount" ("projectId", "kind", "shard", "followUps")
    SELECT "projectId", new."kind", 0, 1 FROM "Item" WHERE "id" = new."itemId"
  ON CONFLICT ("projectId", "kind", "shard") DO UPDATE SET "followUps" = "followUps" + 1;
END;
CREATE TRIGGER "FollowUp_kind_count_update" AFTER UPDATE OF "kind", "itemId" ON "FollowUp"
  WHEN old."kind" IS NOT new."kind" OR old."itemId" IS NOT new."itemId" BEGIN
  UPDATE "FollowUpKindCount" SET "followUps" = "followUps" - 1
    WHERE "projectId" = (SELECT "projectId" FROM "Item" WHERE "id" = old."itemId") AND "kind" = old."kind" AND "shard" = 0;
  INSERT INTO "FollowUpKindCount" ("projectId", "kind", "shard", "followUps")
    SELECT "projectId", new."kind", 0, 1 FROM "Item" WHERE "id" = new."itemId"
  ON CONFLICT ("projectId", "kind", "shard") DO UPDATE SET "followUps" = "followUps" + 1;
END;
CREATE TRIGGER "FollowUp_kind_count_delete" AFTER DELETE ON "FollowUp" BEGIN
  UPDATE "FollowUpKindCount" SET "followUps" = "followUps" - 1
    WHERE "projectId" = (SELECT "projectId" FROM "Item" WHERE "id" = old."itemId") AND "kind" = old."kind" AND "shard" = 0;
END;
CREATE TRIGGER "Item_follow_up_kind_count_move" AFTER UPDATE OF "projectId" ON "Item"
  WHEN old."projectId" IS NOT new."projectId" BEGIN
  UPDATE "FollowUpKindCount"
    SET "followUps" = "followUps" - (SELECT COUNT(*) FROM "FollowUp" AS f WHERE f."itemId" = new."id" AND f."kind" = "FollowUpKindCount"."kind")
    WHERE "projectId" = old."projectId" AND "shard" = 0;
  INSERT INTO "FollowUpKindCount" ("projectId", "kind", "shard", "followUps")
    SELECT new."projectId", "kind", 0, COUNT(*) FROM "FollowUp" WHERE "itemId" = new."id" GROUP BY "kind"
  ON CONFLICT ("projectId", "kind", "shard") DO UPDATE SET "followUps" = "followUps" + excluded."followUps";
END;
CREATE TRIGGER "Item_follow_up_kind_count_delete" BEFORE DELETE ON "Item" BEGIN
  UPDATE "FollowUpKindCount"
    SET "followUps" = "followUps" - (SELECT COUNT(*) FROM "FollowUp" AS f WHERE f."itemId" = old."id" AND f."kind" = "FollowUpKindCount"."kind")
    WHERE "projectId" = old."projectId" AND "shard" = 0;
END;

-- Backfill the projects' follow-ups written before this migration.
INSERT INTO "FollowUpKindCount" ("projectId", "kind", "shard", "followUps")
  SELECT i."projectId", f."kind", 0, COUNT(*) FROM "FollowUp" AS f JOIN "Item" AS i ON i."id" = f."itemId" GROUP BY i."projectId", f."kind";
