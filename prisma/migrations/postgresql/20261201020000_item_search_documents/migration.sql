-- Stored search documents for lib/items/search.ts on PostgreSQL: one tsvector per item (question and
-- caption) and per follow-up (the user's message, the rationale's evidence and response), each with a GIN
-- index. Written by hand, like SQLite's FTS5 tables: Prisma's schema cannot express them (lib/db/migrate
-- keeps both tables out of the drift check). Ranking reads the stored document instead of parsing the
-- text again per candidate row, and a common word's matches are found without recomputing
-- to_tsvector for each row scanned. Triggers keep the documents in step with every write, in the
-- writer's transaction, and the foreign keys delete them with their row.
CREATE TABLE "ItemSearch" (
  "itemId" TEXT NOT NULL PRIMARY KEY REFERENCES "Item" ("id") ON DELETE CASCADE,
  "doc" tsvector NOT NULL
);
CREATE TABLE "FollowUpSearch" (
  "followUpId" TEXT NOT NULL PRIMARY KEY REFERENCES "FollowUp" ("id") ON DELETE CASCADE,
  "itemId" TEXT NOT NULL,
  "doc" tsvector NOT NULL
);
CREATE INDEX "ItemSearch_doc_idx" ON "ItemSearch" USING GIN ("doc");
CREATE INDEX "FollowUpSearch_doc_idx" ON "FollowUpSearch" USING GIN ("doc");

-- The trigger functions' bodies are E-strings with \073 for each semicolon: the migration runner splits
-- the script at every semicolon, even inside a quoted body.
CREATE FUNCTION "item_search_document"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "ItemSearch" ("itemId", "doc") VALUES (NEW."id", to_tsvector(''english''::regconfig, NEW."question" || '' '' || NEW."caption"))
  ON CONFLICT ("itemId") DO UPDATE SET "doc" = EXCLUDED."doc"\073
  RETURN NULL\073
END';
CREATE TRIGGER "Item_search_document" AFTER INSERT OR UPDATE OF "question", "caption" ON "Item"
  FOR EACH ROW EXECUTE FUNCTION "item_search_document"();

CREATE FUNCTION "follow_up_search_document"() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  INSERT INTO "FollowUpSearch" ("followUpId", "itemId", "doc")
  VALUES (NEW."id", NEW."itemId", to_tsvector(''english''::regconfig, NEW."userMessage" || '' '' || NEW."evidence" || '' '' || NEW."response"))
  ON CONFLICT ("followUpId") DO UPDATE SET "itemId" = EXCLUDED."itemId", "doc" = EXCLUDED."doc"\073
  RETURN NULL\073
END';
CREATE TRIGGER "FollowUp_search_document" AFTER INSERT OR UPDATE OF "userMessage", "evidence", "response", "itemId" ON "FollowUp"
  FOR EACH ROW EXECUTE FUNCTION "follow_up_search_document"();

-- Backfill the items and follow-ups written before this migration.
INSERT INTO "ItemSearch" ("itemId", "doc") SELECT "id", to_tsvector('english'::regconfig, "question" || ' ' || "caption") FROM "Item";
INSERT INTO "FollowUpSearch" ("followUpId", "itemId", "doc")
  SELECT "id", "itemId", to_tsvector('english'::regconfig, "userMessage" || ' ' || "evidence" || ' ' || "response") FROM "FollowUp";
