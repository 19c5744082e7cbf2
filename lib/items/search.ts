// Text search over a project's items: their question and caption, and their follow-ups' texts (the
// user's message, the rationale's evidence and response), through full-text indexes kept in step by
// triggers — SQLite FTS5 tables (the hand-written *_item_search migration), PostgreSQL stored tsvector
// documents with GIN indexes (*_item_search_documents). Results are
// ranked: BM25 on SQLite, ts_rank on PostgreSQL, a match in the item's own text counting double a match
// in one of its follow-ups. Every word must match, stemmed ("zebras" finds "zebra"), and as a prefix
// (typing "categ" finds "category") — on SQLite except for very common words (see sqliteQuery).
import type { Db } from "../db/client";
import { providerOf } from "../db/provider";
import { Prisma } from "../db/generated/sqlite/client";

/**
 * Matches per source (items' own text, follow-ups) the items table filters, counts and pages through. A
 * word found in more of a project's items than this (one in every item of a 333k-item project: 1.3 s a
 * page) is searched within its newest MAX_MATCHES matches per source, and the table says so.
 */
export const MAX_MATCHES = 5_000; // lib/api/schemas.ts and README.md say 5,000

/** The best matches searchItems returns. (The items table filters and counts every match: prepareTextMatch.) */
export const MAX_SEARCH_HITS = 500;
const MAX_TERMS = 8;
/**
 * Matches ranked per source (items' own text, follow-ups). Ranking costs per matching row, so a word
 * found in tens of thousands of items is ranked within its newest matches (the index yields them newest
 * first, and stops there); rarer words (the searches that look for something in particular) are ranked
 * in full.
 */
export const MAX_RANKED = 500;

export interface SearchHit {
  itemId: string;
  /** Higher is better; comparable within one search only. */
  score: number;
}

/** The words of a query (letters and digits), lower-cased: nothing else reaches the index's query syntax. */
export function searchTerms(q: string): string[] {
  return [...new Set((q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_TERMS))];
}

export async function searchItems(db: Db, projectId: string, q: string, limit = MAX_SEARCH_HITS): Promise<SearchHit[]> {
  const terms = searchTerms(q);
  if (terms.length === 0) return [];
  const rows = providerOf(db) === "postgresql" ? await searchPostgres(db, projectId, terms, limit) : await searchSqlite(db, projectId, terms, limit);
  return rows.map((r) => ({ itemId: r.id, score: Number(r.score) }));
}

type Row = { id: string; score: number };

/**
 * SQLite: each word is matched as a prefix too, except a word found as a whole word at least
 * MAX_RANKED times (then its own matches fill the ranked candidates anyway). A prefix query costs in
 * proportion to all the occurrences of all the words it expands to (FTS5 merges their lists before
 * yielding the first match, and again for BM25's statistics): 30 ms for the prefix of a word found in
 * half of 100k items, against 3 ms for the word itself.
 */
async function sqliteQuery(db: Db, terms: string[]): Promise<string> {
  const counted = await db.$queryRaw<{ term: string; n: number | bigint }[]>`
    SELECT t.value AS term,
      (SELECT count(*) FROM (SELECT 1 FROM "ItemSearch" WHERE "ItemSearch" MATCH '{question caption} : "' || t.value || '"' LIMIT ${MAX_RANKED}))
      + (SELECT count(*) FROM (SELECT 1 FROM "FollowUpSearch" WHERE "FollowUpSearch" MATCH 'text : "' || t.value || '"' LIMIT ${MAX_RANKED})) AS n
    FROM json_each(${JSON.stringify(terms)}) t`;
  const common = new Set(counted.filter((c) => Number(c.n) >= MAX_RANKED).map((c) => c.term));
  // A prefix query is stemmed like the index ("zebras"* finds "zebra"), so it includes the word itself.
  return terms.map((t) => (common.has(t) ? `"${t}"` : `"${t}"*`)).join(" AND ");
}

async function searchSqlite(db: Db, projectId: string, terms: string[], limit: number) {
  return db.$queryRaw<Row[]>`
    SELECT m."itemId" AS id, m.score FROM (${sqliteRanked(projectId, await sqliteQuery(db, terms))}) m
    ORDER BY m.score DESC, m."itemId" LIMIT ${limit}`;
}

/**
 * SELECT "itemId", score: each source's newest MAX_RANKED matches in the project (rowid order is
 * insertion order, and FTS5 walks it backwards without sorting), ranked, merged per item.
 */
function sqliteRanked(projectId: string, words: string) {
  return Prisma.sql`
    SELECT m."itemId", -MIN(m.score) AS score FROM (
      SELECT * FROM (SELECT s."itemId", bm25("ItemSearch", 0, 2.0, 1.0) * 2 AS score
        FROM "ItemSearch" s JOIN "Item" i ON i."id" = s."itemId"
        WHERE "ItemSearch" MATCH ${`{question caption} : (${words})`} AND i."projectId" = ${projectId} ORDER BY s.rowid DESC LIMIT ${MAX_RANKED})
      UNION ALL
      SELECT * FROM (SELECT f."itemId", bm25("FollowUpSearch", 0, 0, 1.0) AS score
        FROM "FollowUpSearch" f JOIN "Item" i ON i."id" = f."itemId"
        WHERE "FollowUpSearch" MATCH ${`text : (${words})`} AND i."projectId" = ${projectId} ORDER BY f.rowid DESC LIMIT ${MAX_RANKED})
    ) m GROUP BY m."itemId"`;
}

/**
 * SQLite: every item whose text or one of whose follow-ups matches, as a list for `i."id" IN (…)`. The
 * ids are read from the FTS5 tables' content tables (%_content: c0 is ItemSearch's "itemId", c1
 * FollowUpSearch's) by the rowids the index yields: reading the column through the FTS5 cursor costs
 * twice as much (a statement per row). CROSS JOIN keeps the index as the outer loop.
 */
function sqliteMatching(words: string) {
  return Prisma.sql`
    SELECT c."c0" FROM "ItemSearch" s CROSS JOIN "ItemSearch_content" c ON c."id" = s.rowid WHERE "ItemSearch" MATCH ${`{question caption} : (${words})`}
    UNION ALL
    SELECT c."c1" FROM "FollowUpSearch" s CROSS JOIN "FollowUpSearch_content" c ON c."id" = s.rowid WHERE "FollowUpSearch" MATCH ${`text : (${words})`}`;
}

/**
 * PostgreSQL: the stored documents of the *_item_search_documents migration (ranking reads them instead
 * of parsing each candidate's text again), each source's first MAX_RANKED matches ranked. The query is
 * written out in each part rather than shared through a CTE: the planner then sees it, and for a common
 * word walks the documents until it has enough matches instead of first collecting every match.
 */
function searchPostgres(db: Db, projectId: string, terms: string[], limit: number) {
  return db.$queryRaw<Row[]>`
    SELECT m."itemId" AS id, m.score FROM (${postgresRanked(projectId, postgresQuery(terms), false)}) m
    ORDER BY m.score DESC, m."itemId" LIMIT ${limit}`;
}

function postgresQuery(terms: string[]) {
  return Prisma.sql`to_tsquery('english'::regconfig, ${terms.map((t) => `${t}:*`).join(" & ")})`;
}

/**
 * SELECT "itemId", score (float8). `newest`: the candidates are each source's newest matches (highest
 * ids) rather than the first the index yields, so that the same query ranks the same items every time
 * (the items table pages through them); it costs reading every match's id.
 */
function postgresRanked(projectId: string, query: Prisma.Sql, newest: boolean) {
  const order = (column: string) => (newest ? Prisma.raw(`ORDER BY ${column}."itemId" DESC`) : Prisma.empty);
  return Prisma.sql`
    SELECT m."itemId", MAX(m.score) AS score FROM (
      SELECT c."itemId", ts_rank(c."doc", ${query})::float8 * 2 AS score FROM (
        SELECT s."itemId", s."doc" FROM "ItemSearch" s JOIN "Item" i ON i."id" = s."itemId"
        WHERE s."doc" @@ ${query} AND i."projectId" = ${projectId} ${order("s")} LIMIT ${MAX_RANKED}) c
      UNION ALL
      SELECT c."itemId", ts_rank(c."doc", ${query})::float8 AS score FROM (
        SELECT f."itemId", f."doc" FROM "FollowUpSearch" f JOIN "Item" i ON i."id" = f."itemId"
        WHERE f."doc" @@ ${query} AND i."projectId" = ${projectId} ${order("f")} LIMIT ${MAX_RANKED}) c
    ) m GROUP BY m."itemId"`;
}

function postgresMatching(query: Prisma.Sql) {
  return Prisma.sql`
    SELECT s."itemId" FROM "ItemSearch" s WHERE s."doc" @@ ${query}
    UNION ALL
    SELECT f."itemId" FROM "FollowUpSearch" f WHERE f."doc" @@ ${query}`;
}

/**
 * A text query prepared for the items table (lib/items/search-list.ts), once for a page and its counts:
 * `matching` selects the id of EVERY item (of any project: the table's filters name the project) whose
 * own text or one of whose follow-ups matches every word, so filters and counts see all the matches;
 * `ranked` selects ("itemId", score) for this project's ranked candidates — every match of a rarer
 * word, the newest MAX_RANKED matches per source of a very common one (ranking costs per row; the
 * others come after them in "best match" order, newest first).
 */
export interface TextMatch {
  q: string;
  projectId: string;
  matching: Prisma.Sql;
  ranked: Prisma.Sql;
  /** The project has more than MAX_MATCHES matches in a source: `matching` holds the newest of them. */
  capped: boolean;
}

export async function prepareTextMatch(db: Db, projectId: string, q: string, maxMatches = MAX_MATCHES): Promise<TextMatch> {
  const terms = searchTerms(q);
  if (terms.length === 0) {
    const none = Prisma.sql`SELECT "id" FROM "Item" WHERE 1 = 0`;
    return { q, projectId, matching: none, ranked: Prisma.sql`SELECT "id" AS "itemId", 0 AS score FROM "Item" WHERE 1 = 0`, capped: false };
  }
  if (providerOf(db) === "postgresql") {
    const query = postgresQuery(terms);
    const sources = { items: Prisma.sql`"ItemSearch" s WHERE s."doc" @@ ${query}`, followUps: Prisma.sql`"FollowUpSearch" s WHERE s."doc" @@ ${query}` };
    const { matching, capped } = await boundedMatching(db, projectId, sources, postgresMatching(query), maxMatches);
    return { q, projectId, matching, ranked: postgresRanked(projectId, query, true), capped };
  }
  const words = await sqliteQuery(db, terms);
  const sources = {
    items: Prisma.sql`"ItemSearch" s WHERE "ItemSearch" MATCH ${`{question caption} : (${words})`}`,
    followUps: Prisma.sql`"FollowUpSearch" s WHERE "FollowUpSearch" MATCH ${`text : (${words})`}`,
  };
  const { matching, capped } = await boundedMatching(db, projectId, sources, sqliteMatching(words), maxMatches);
  return { q, projectId, matching, ranked: sqliteRanked(projectId, words), capped };
}

/** A source's matches as `FROM …` text: the search table aliased `s`, with its "itemId". */
interface MatchSources {
  items: Prisma.Sql;
  followUps: Prisma.Sql;
}

/**
 * `every` (all projects' matches, read straight from the index) while no source has more than
 * MAX_MATCHES matches anywhere; else this project's newest MAX_MATCHES per source (item ids grow with
 * creation time), and whether the project really has more. Each count stops at MAX_MATCHES + 1.
 */
async function boundedMatching(db: Db, projectId: string, sources: MatchSources, every: Prisma.Sql, maxMatches: number): Promise<{ matching: Prisma.Sql; capped: boolean }> {
  const over = (from: Prisma.Sql) => Prisma.sql`(SELECT COUNT(*) FROM (SELECT 1 FROM ${from} LIMIT ${maxMatches + 1}) x) > ${maxMatches}`;
  const [anywhere] = await db.$queryRaw<{ over: boolean | number | bigint }[]>`SELECT (${over(sources.items)} OR ${over(sources.followUps)}) AS "over"`;
  if (!Number(anywhere.over)) return { matching: every, capped: false };
  const inProject = (from: Prisma.Sql) => Prisma.sql`${from} AND EXISTS (SELECT 1 FROM "Item" i WHERE i."id" = s."itemId" AND i."projectId" = ${projectId})`;
  // SQLite's index yields rowids (insertion order) backwards without sorting, and stops at the limit.
  const order = providerOf(db) === "postgresql" ? Prisma.raw(`s."itemId" DESC`) : Prisma.raw("s.rowid DESC");
  const newest = (from: Prisma.Sql) => Prisma.sql`SELECT * FROM (SELECT s."itemId" FROM ${inProject(from)} ORDER BY ${order} LIMIT ${maxMatches}) n`;
  const [here] = await db.$queryRaw<{ over: boolean | number | bigint }[]>`SELECT (${over(inProject(sources.items))} OR ${over(inProject(sources.followUps))}) AS "over"`;
  return { matching: Prisma.sql`${newest(sources.items)} UNION ALL ${newest(sources.followUps)}`, capped: Boolean(Number(here.over)) };
}
