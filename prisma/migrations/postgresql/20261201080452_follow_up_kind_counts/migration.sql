-- CreateTable
CREATE TABLE "FollowUpKindCount" (
    "projectId" TEXT NOT NULL,
    "kind" "FollowUpKind" NOT NULL,
    "shard" INTEGER NOT NULL DEFAULT 0,
    "followUps" INTEGER NOT NULL,

    CONSTRAINT "FollowUpKindCount_pkey" PRIMARY KEY ("projectId","kind","shard")
);

-- AddForeignKey
ALTER TABLE "FollowUpKindCount" ADD CONSTRAINT "FollowUpKindCount_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Triggers keep the counts exact for every write, in the writer's transaction: a follow-up's insertion,
-- deletion, change of kind or of item, and its item's move to another project. Insertions and deletions
-- run once per statement over their transition tables (an import or a gold copy adds one delta per
-- kind). A change of kind or item, and an item's move, run per row and only when that column changes
-- (the WHEN clause: an edit of a follow-up's text calls no function). A deleted item's follow-ups are
-- taken away just before the item goes (BEFORE DELETE): its cascade deletes them after the item, when
-- FollowUp's delete trigger no longer finds their project and counts nothing. The statement triggers
-- read their transition table through EXECUTE, planned at each call: PL/pgSQL would keep the plan of a
-- session's first call, and one planned for a bulk import (20,000 rows) made each later single insert
-- on that connection take 3 to 12 ms instead of under 1.
-- Every change goes through follow_up_kind_count_add, which adds the deltas to the shard of the writer's
-- transaction id: an editor's save holds its counter rows until it commits, and editors of one project
-- meet on a shard's rows only when their transaction ids fall in the same of 16 shards. It writes every
-- kind's row of that shard, in (projectId, kind) order, whichever kinds change (a save deletes, updates
-- and creates follow-ups of both kinds in any order, and two saves must not lock the rows in opposite
-- orders), creating missing rows. It leaves out a project being deleted (its rows are going, and new
-- ones would name a deleted project). The function bodies are E-strings with \073 for each semicolon:
-- the migration runner splits the script at every semicolon.
CREATE FUNCTION "follow_up_kind_count_add"("projectIds" TEXT[], "kinds" "FollowUpKind"[], "deltas" BIGINT[]) RETURNS void LANGUAGE plpgsql AS E'
BEGIN
  IF "projectIds" IS NULL THEN RETURN\073 END IF\073
  INSERT INTO "FollowUpKindCount" ("projectId", "kind", "shard", "followUps")
    SELECT p."id", k."kind", CAST(txid_current() % 16 AS INTEGER), COALESCE(SUM(d."delta"), 0)
    FROM "Project" AS p
    CROSS JOIN unnest(enum_range(NULL::"FollowUpKind")) AS k("kind")
    LEFT JOIN unnest("projectIds", "kinds", "deltas") AS d("projectId", "kind", "delta") ON d."projectId" = p."id" AND d."kind" = k."kind"
    WHERE p."id" = ANY ("projectIds")
    GROUP BY p."id", k."kind" ORDER BY p."id", k."kind"
  ON CONFLICT ("projectId", "kind", "shard") DO UPDATE SET "followUps" = "FollowUpKindCount"."followUps" + EXCLUDED."followUps"\073
END';
CREATE FUNCTION "follow_up_kind_count_apply"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_OP = ''INSERT'' THEN
    EXECUTE ''SELECT "follow_up_kind_count_add"(array_agg("projectId"), array_agg("kind"), array_agg(CAST(1 AS BIGINT)))
      FROM (SELECT i."projectId", f."kind" FROM "new_follow_ups" AS f JOIN "Item" AS i ON i."id" = f."itemId") AS d''\073
  ELSE
    EXECUTE ''SELECT "follow_up_kind_count_add"(array_agg("projectId"), array_agg("kind"), array_agg(CAST(-1 AS BIGINT)))
      FROM (SELECT i."projectId", f."kind" FROM "old_follow_ups" AS f JOIN "Item" AS i ON i."id" = f."itemId") AS d''\073
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
  PERFORM "follow_up_kind_count_add"(array_agg(d."projectId"), array_agg(d."kind"), array_agg(d."n"))
    FROM (SELECT OLD."projectId" AS "projectId", f."kind", -COUNT(*) AS "n" FROM "FollowUp" AS f WHERE f."itemId" = OLD."id" GROUP BY f."kind") AS d\073
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

-- Backfill the projects' follow-ups written before this migration (in shard 0).
INSERT INTO "FollowUpKindCount" ("projectId", "kind", "shard", "followUps")
  SELECT i."projectId", f."kind", 0, COUNT(*) FROM "FollowUp" AS f JOIN "Item" AS i ON i."id" = f."itemId" GROUP BY i."projectId", f."kind";
