-- CreateTable
CREATE TABLE "ItemStatusCount" (
    "projectId" TEXT NOT NULL,
    "status" "ItemStatus" NOT NULL,
    "items" INTEGER NOT NULL,

    CONSTRAINT "ItemStatusCount_pkey" PRIMARY KEY ("projectId","status")
);

-- AddForeignKey
ALTER TABLE "ItemStatusCount" ADD CONSTRAINT "ItemStatusCount_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Triggers keep the counts exact for every write, in the writer's transaction. They run once per
-- statement over its transition tables: a bulk write (an import, a bulk status change, a project's
-- deletion) adds one delta per status instead of updating the same row once per item, and a statement
-- that changes no status (a claim, an edit) writes and locks nothing. Deltas are applied in
-- (projectId, status) order so concurrent writers lock the rows they share in the same order. A deletion
-- only updates (its project's rows may be gone already when the project itself is being deleted).
-- A project's row for a status appears with its first item of that status. Transition tables allow one
-- event per trigger and no column list, hence three triggers. The function bodies are E-strings with
-- \073 for each semicolon: the migration runner splits the script at every semicolon.
CREATE FUNCTION "item_status_count_apply"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''INSERT'' THEN
    INSERT INTO "ItemStatusCount" ("projectId", "status", "items")
      SELECT "projectId", "status", COUNT(*) FROM "new_items" GROUP BY "projectId", "status" ORDER BY "projectId", "status"
    ON CONFLICT ("projectId", "status") DO UPDATE SET "items" = "ItemStatusCount"."items" + EXCLUDED."items"\073
  ELSIF TG_OP = ''DELETE'' THEN
    PERFORM 1 FROM "ItemStatusCount" AS c WHERE (c."projectId", c."status") IN (SELECT "projectId", "status" FROM "old_items")
      ORDER BY c."projectId", c."status" FOR UPDATE\073
    UPDATE "ItemStatusCount" AS c SET "items" = c."items" - d."items"
      FROM (SELECT "projectId", "status", COUNT(*) AS "items" FROM "old_items" GROUP BY "projectId", "status") AS d
      WHERE c."projectId" = d."projectId" AND c."status" = d."status"\073
  ELSE
    INSERT INTO "ItemStatusCount" ("projectId", "status", "items")
      SELECT "projectId", "status", SUM("delta") FROM (
        SELECT "projectId", "status", 1 AS "delta" FROM "new_items"
        UNION ALL SELECT "projectId", "status", -1 FROM "old_items"
      ) AS d GROUP BY "projectId", "status" HAVING SUM("delta") <> 0 ORDER BY "projectId", "status"
    ON CONFLICT ("projectId", "status") DO UPDATE SET "items" = "ItemStatusCount"."items" + EXCLUDED."items"\073
  END IF\073
  RETURN NULL\073
END';
CREATE TRIGGER "Item_status_count_insert" AFTER INSERT ON "Item"
  REFERENCING NEW TABLE AS "new_items" FOR EACH STATEMENT EXECUTE FUNCTION "item_status_count_apply"();
CREATE TRIGGER "Item_status_count_update" AFTER UPDATE ON "Item"
  REFERENCING OLD TABLE AS "old_items" NEW TABLE AS "new_items" FOR EACH STATEMENT EXECUTE FUNCTION "item_status_count_apply"();
CREATE TRIGGER "Item_status_count_delete" AFTER DELETE ON "Item"
  REFERENCING OLD TABLE AS "old_items" FOR EACH STATEMENT EXECUTE FUNCTION "item_status_count_apply"();

-- Backfill the projects' items written before this migration.
INSERT INTO "ItemStatusCount" ("projectId", "status", "items")
  SELECT "projectId", "status", COUNT(*) FROM "Item" GROUP BY "projectId", "status";
