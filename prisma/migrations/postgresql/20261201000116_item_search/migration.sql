-- Full-text search over items (question, caption) and follow-ups (the user's message, the rationale's
-- evidence and response), for lib/items/search.ts. Written by hand: Prisma's schema cannot express
-- expression indexes. The GIN indexes are on the rows themselves, so every write keeps them in step, and
-- creating them indexes the existing rows. lib/items/search.ts repeats these exact expressions.
CREATE INDEX "Item_search_idx" ON "Item" USING GIN (to_tsvector('english'::regconfig, "question" || ' ' || "caption"));
CREATE INDEX "FollowUp_search_idx" ON "FollowUp" USING GIN (to_tsvector('english'::regconfig, "userMessage" || ' ' || "evidence" || ' ' || "response"));
