-- CreateTable
CREATE TABLE "FollowUpKindCount" (
    "projectId" TEXT NOT NULL,
    "kind" "FollowUpKind" NOT NULL,
    "followUps" INTEGER NOT NULL,

    CONSTRAINT "FollowUpKindCount_pkey" PRIMARY KEY ("projectId","kind")
);

-- AddForeignKey
ALTER TABLE "FollowUpKindCount" ADD CONSTRAINT "FollowUpKindCount_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Triggers keep the counts exact for every write, in the writer's transaction: a follow-up's insertion,
-- deletion, change of kind or of item, and its item's move to another project. Insertions and deletions
-- run once per statement over their transition tables (an import or a gold copy adds one delta per
-- kind). A change of kind or item, and an item's move, run per row and only when that column changes
-- (the WHEN clause: an edit of a follow-up's text calls no function). A deleted item's follow-ups are
-- taken away just before the item goes (BEFORE DELETE): its cascade deletes them after the item, when
-- FollowUp's delete trigger no longer finds their project and counts nothing. Every write locks all of a
-- project's kind rows, in (projectId, kind) order, whichever kinds it changes: an editor's save deletes,
-- updates and creates follow-ups of both kinds in any order, and concurrent saves must not lock the two
-- rows in opposite orders. Additions create missing rows (a project's first follow-up), deletions only
-- update, and not the rows of a project being deleted (its rows may be gone already, and a second update
-- of a row this transaction wrote has its foreign key checked again, against the deleted project).
-- The function bodies are E-strings with \073 for each semicolon: the migration runner splits the script
-- at every semicolon.
CREATE FUNCTION "follow_up_kind_count_add"("projectIds" TEXT[], "kinds" "FollowUpKind"[], "deltas" BIGINT[]) RETURNS void LANGUAGE sql AS '
  INSERT INTO "FollowUpKindCount" ("projectId", "kind", "followUps")
    SELECT p."projectId", k."kind", COALESCE(SUM(d."delta"), 0)
    FROM (SELECT DISTINCT "projectId" FROM unnest("projectIds") AS x("projectId")) AS p
    CROSS JOIN unnest(enum_range(NULL::"FollowUpKind")) AS k("kind")
    LEFT JOIN unnest("projectIds", "kinds", "deltas") AS d("projectId", "kind", "delta") ON d."projectId" = p."projectId" AND d."kind" = k."kind"
    GROUP BY p."projectId", k."kind" ORDER BY p."projectId", k."kind"
  ON CONFLICT ("projectId", "kind") DO UPDATE SET "followUps" = "FollowUpKindCount"."followUps" + EXCLUDED."followUps"';
CREATE FUNCTION "follow_up_kind_count_take"("projectIds" TEXT[], "kinds" "FollowUpKind"[], "deltas" BIGINT[]) RETURNS void LANGUAGE plpgsql AS E'
BEGIN
  PERFORM 1 FROM "FollowUpKindCount" AS c WHERE c."projectId" = ANY ("projectIds") ORDER BY c."projectId", c."kind" FOR UPDATE\073
  UPDATE "FollowUpKindCount" AS c SET "followUps" = c."followUps" - d."delta"
    FROM (SELECT x."projectId", x."kind", SUM(x."delta") AS "delta" FROM unnest("projectIds", "kinds", "deltas") AS x("projectId", "kind", "delta") GROUP BY x."projectId", x."kind") AS d
    WHERE c."projectId" = d."projectId" AND c."kind" = d."kind" AND EXISTS (SELECT 1 FROM "Project" AS p WHERE p."id" = c."projectId")\073
END';
CREATE FUNCTION "follow_up_kind_count_apply"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''INSERT'' THEN
    PERFORM "follow_up_kind_count_add"(array_agg(d."projectId"), array_agg(d."kind"), array_agg(d."n"))
      FROM (SELECT i."projectId", f."kind", COUNT(*) AS "n" FROM "new_follow_ups" AS f JOIN "Item" AS i ON i."id" = f."itemId" GROUP BY i."projectId", f."kind") AS d\073
  ELSE
    PERFORM "follow_up_kind_count_take"(array_agg(d."projectId"), array_agg(d."kind"), array_agg(d."n"))
      FROM (SELECT i."projectId", f."kind", COUNT(*) AS "n" FROM "old_follow_ups" AS f JOIN "Item" AS i ON i."id" = f."itemId" GROUP BY i."projectId", f."kind") AS d\073
  END IF\073
  RETURN NULL\073
END';
CREATE FUNCTION "follow_up_kind_count_change"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM "follow_up_kind_count_add"(array_agg(d."projectId"), array_agg(d."kind"), array_agg(d."n")) FROM (
    SELECT i."projectId", OLD."kind" AS "kind", CAST(-1 AS BIGINT) AS "n" FROM "Item" AS i WHERE i."id" = OLD."itemId"
    UNION ALL SELECT i."projectId", NEW."kind", CAST(1 AS BIGINT) FROM "Item" AS i WHERE i."id" = NEW."itemId"
  ) AS d\073
  RETURN NULL\073
END';
CREATE FUNCTION "item_follow_up_kind_count_move"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM "follow_up_kind_count_add"(array_agg(d."projectId"), array_agg(d."kind"), array_agg(d."n")) FROM (
    SELECT OLD."projectId" AS "projectId", f."kind", -COUNT(*) AS "n" FROM "FollowUp" AS f WHERE f."itemId" = NEW."id" GROUP BY f."kind"
    UNION ALL SELECT NEW."projectId", f."kind", COUNT(*) FROM "FollowUp" AS f WHERE f."itemId" = NEW."id" GROUP BY f."kind"
  ) AS d\073
  RETURN NULL\073
END';
CREATE FUNCTION "item_follow_up_kind_count_delete"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM "follow_up_kind_count_take"(array_agg(d."projectId"), array_agg(d."kind"), array_agg(d."n"))
    FROM (SELECT OLD."projectId" AS "projectId", f."kind", COUNT(*) AS "n" FROM "FollowUp" AS f WHERE f."itemId" = OLD."id" GROUP BY f."kind") AS d\073
  RETURN OLD\073
END';
CREATE TRIGGER "FollowUp_kind_count_insert" AFTER INSERT ON "FollowUp"
  REFERENCING NEW TABLE AS "new_follow_ups" FOR EACH STATEMENT EXECUTE FUNCTION "follow_up_kind_count_apply"();
CREATE TRIGGER "FollowUp_kind_count_delete" AFTER DELETE ON "FollowUp"
  REFERENCING OLD TABLE AS "old_follow_ups" FOR EACH STATEMENT EXECUTE FUNCTION "follow_up_kind_count_apply"();
CREATE TRIGGER "FollowUp_kind_count_update" AFTER UPDATE OF "kind", "itemId" ON "FollowUp"
  FOR EACH ROW WHEN (OLD."kind" IS DISTINCT FROM NEW."kind" OR OLD."itemId" IS DISTINCT FROM NEW."itemId")
  EXECUTE FUNCTION "follow_up_kind_count_change"();
CREATE TRIGGER "Item_follow_up_kind_count_move" AFTER UPDATE OF "projectId" ON "Item"
  FOR EACH ROW WHEN (OLD."projectId" IS DISTINCT FROM NEW."projectId") EXECUTE FUNCTION "item_follow_up_kind_count_move"();
CREATE TRIGGER "Item_follow_up_kind_count_delete" BEFORE DELETE ON "Item"
  FOR EACH ROW EXECUTE FUNCTION "item_follow_up_kind_count_delete"();

-- Backfill the projects' follow-ups written before this migration.
INSERT INTO "FollowUpKindCount" ("projectId", "kind", "followUps")
  SELECT i."projectId", f."kind", COUNT(*) FROM "FollowUp" AS f JOIN "Item" AS i ON i."id" = f."itemId" GROUP BY i."projectId", f."kind";
