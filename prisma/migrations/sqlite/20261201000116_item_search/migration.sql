-- Full-text search over items (question, caption) and follow-ups (the user's message, the rationale's
-- evidence and response), for lib/items/search.ts. Written by hand: Prisma's schema cannot express FTS5
-- tables. Triggers keep both indexes in step with every write of Item and FollowUp, whichever code path
-- (or raw SQL) makes it, in the writer's own transaction. Each document carries its row's id as a token,
-- so the triggers find it through the index (Item has no stable integer key: VACUUM may renumber rowids).

CREATE VIRTUAL TABLE "ItemSearch" USING fts5("itemId", "question", "caption", tokenize = 'porter unicode61 remove_diacritics 2');
CREATE VIRTUAL TABLE "FollowUpSearch" USING fts5("followUpId", "itemId" UNINDEXED, "text", tokenize = 'porter unicode61 remove_diacritics 2');

CREATE TRIGGER "Item_search_insert" AFTER INSERT ON "Item" BEGIN
  INSERT INTO "ItemSearch" ("itemId", "question", "caption") VALUES (new."id", new."question", new."caption");
END;
CREATE TRIGGER "Item_search_update" AFTER UPDATE OF "question", "caption" ON "Item" BEGIN
  DELETE FROM "ItemSearch" WHERE "ItemSearch" MATCH '"itemId" : "' || old."id" || '"' AND "itemId" = old."id";
  INSERT INTO "ItemSearch" ("itemId", "question", "caption") VALUES (new."id", new."question", new."caption");
END;
CREATE TRIGGER "Item_search_delete" AFTER DELETE ON "Item" BEGIN
  DELETE FROM "ItemSearch" WHERE "ItemSearch" MATCH '"itemId" : "' || old."id" || '"' AND "itemId" = old."id";
END;

CREATE TRIGGER "FollowUp_search_insert" AFTER INSERT ON "FollowUp" BEGIN
  INSERT INTO "FollowUpSearch" ("followUpId", "itemId", "text") VALUES (new."id", new."itemId", new."userMessage" || ' ' || new."evidence" || ' ' || new."response");
END;
CREATE TRIGGER "FollowUp_search_update" AFTER UPDATE OF "userMessage", "evidence", "response", "itemId" ON "FollowUp" BEGIN
  DELETE FROM "FollowUpSearch" WHERE "FollowUpSearch" MATCH '"followUpId" : "' || old."id" || '"' AND "followUpId" = old."id";
  INSERT INTO "FollowUpSearch" ("followUpId", "itemId", "text") VALUES (new."id", new."itemId", new."userMessage" || ' ' || new."evidence" || ' ' || new."response");
END;
CREATE TRIGGER "FollowUp_search_delete" AFTER DELETE ON "FollowUp" BEGIN
  DELETE FROM "FollowUpSearch" WHERE "FollowUpSearch" MATCH '"followUpId" : "' || old."id" || '"' AND "followUpId" = old."id";
END;

-- Backfill the items and follow-ups written before this migration.
INSERT INTO "ItemSearch" ("itemId", "question", "caption") SELECT "id", "question", "caption" FROM "Item";
INSERT INTO "FollowUpSearch" ("followUpId", "itemId", "text") SELECT "id", "itemId", "userMessage" || ' ' || "evidence" || ' ' || "response" FROM "FollowUp";
