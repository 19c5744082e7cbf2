// The items table with a text query: the full-text match (lib/items/search.ts prepareTextMatch) inside
// the SQL of the page and of the counts, so the table's other filters and its counts apply to EVERY
// matching item, not to a capped list of best hits. Returns ids (and scores); lib/items/list.ts loads
// the rows. Orders: "created" (id), "updated" (updatedAt, id), and "relevance": the ranked candidates
// by score, then the other matches (score -1), newest first — keyset (score, id), like the others.
import type { Db } from "../db/client";
import { providerOf, sqlNoIndex as noIndex } from "../db/provider";
import { Prisma } from "../db/generated/sqlite/client";
import { decodeCursor } from "./cursor";
import { itemFilterSql } from "./filter-sql";
import type { ListItemsFilters } from "./schemas";
import type { TextMatch } from "./search";
import { ITEM_STATUSES } from "./status";

/** Below every real score (BM25 and ts_rank are positive): a match outside the ranked candidates. */
export const UNRANKED = -1;

export interface MatchingRow {
  id: string;
  updatedAt: Date;
  score: number;
}

type PageFilters = Omit<ListItemsFilters, "q" | "sort"> & { sort: "created" | "updated" | "relevance" };

export type StatusCounts = Record<(typeof ITEM_STATUSES)[number], number>;

/**
 * The page's ids in order (`limit + 1` of them when there is a next page) and the matches per status
 * under the other filters, in one statement: the matches are found and filtered once (a common word's
 * tens of thousands of matches are most of the cost), then paged and counted.
 */
export async function matchingPage(db: Db, projectId: string, f: PageFilters, match: TextMatch): Promise<{ rows: MatchingRow[]; counts: StatusCounts }> {
  const desc = f.dir === "desc";
  const cmp = Prisma.raw(desc ? "<" : ">");
  const dir = desc ? "DESC" : "ASC";
  const c = f.cursor ? decodeCursor(f.cursor, f.sort) : undefined;
  let after = Prisma.empty;
  if (c?.s === "created") after = Prisma.sql`AND m."id" ${cmp} ${c.id}`;
  if (c?.s === "updated") {
    const v = new Date(c.v);
    after = Prisma.sql`AND (m."updatedAt" ${cmp} ${v} OR (m."updatedAt" = ${v} AND m."id" ${cmp} ${c.id}))`;
  }
  if (c?.s === "relevance") after = Prisma.sql`AND (m.score ${cmp} ${c.v} OR (m.score = ${c.v} AND m."id" ${cmp} ${c.id}))`;
  const status = f.status ? Prisma.sql`AND m."status" = ${Prisma.raw(`'${f.status}'`)}` : Prisma.empty;
  const order = (t: string) =>
    Prisma.raw(f.sort === "created" ? `${t}."id" ${dir}` : f.sort === "updated" ? `${t}."updatedAt" ${dir}, ${t}."id" ${dir}` : `${t}.score ${dir}, ${t}."id" ${dir}`);
  // Only the relevance order joins the ranked candidates (their ranking is the costly part).
  const score = f.sort === "relevance" ? Prisma.sql`COALESCE(r.score, ${Prisma.raw(String(UNRANKED))})` : Prisma.raw(String(UNRANKED));
  const ranked = f.sort === "relevance" ? Prisma.sql`LEFT JOIN (${match.ranked}) r ON r."itemId" = i."id"` : Prisma.empty;
  // The score as text with every digit (a number column would be typed from its first row, and an
  // integer there truncates the others, and SQLite prints 16 digits unless told "!"): the next page's
  // cursor compares with exactly this value.
  const scoreText = providerOf(db) === "postgresql" ? Prisma.sql`p.score::float8::text` : Prisma.sql`printf('%!.17g', p.score)`;
  // Page rows ("id", position) and counts ("status", n) in one result, told apart by `n`.
  const rows = await db.$queryRaw<{ id: string; updatedAt: Date | string | null; score: string | null; pos: number | bigint | null; n: number | bigint | null }[]>`
    WITH m AS (
      SELECT i."id", i."status", i."updatedAt", ${score} AS score FROM "Item" i ${ranked}
      WHERE ${itemFilterSql(providerOf(db), projectId, { ...f, status: undefined })} AND i."id" IN (${match.matching})
    )
    SELECT p."id", p."updatedAt", ${scoreText} AS score, ROW_NUMBER() OVER (ORDER BY ${order("p")}) AS pos, NULL AS n
    FROM (SELECT * FROM m WHERE 1 = 1 ${status} ${after} ORDER BY ${order("m")} LIMIT ${f.limit + 1}) p
    UNION ALL
    SELECT CAST(m."status" AS TEXT), NULL, NULL, NULL, COUNT(*) FROM m GROUP BY m."status"`;
  const counts = Object.fromEntries(ITEM_STATUSES.map((s) => [s, 0])) as StatusCounts;
  const page: (MatchingRow & { pos: number })[] = [];
  for (const r of rows) {
    if (r.n !== null) counts[r.id as keyof StatusCounts] = Number(r.n);
    else page.push({ id: r.id, updatedAt: new Date(r.updatedAt!), score: Number(r.score), pos: Number(r.pos) });
  }
  return { rows: page.sort((a, b) => a.pos - b.pos).map(({ pos: _pos, ...row }) => row), counts };
}

/** Matching items per status under the other filters (the status filter itself ignored). */
export async function countMatchingByStatus(db: Db, projectId: string, f: Omit<ListItemsFilters, "q" | "sort" | "dir" | "cursor" | "limit">, match: TextMatch): Promise<StatusCounts> {
  const groups = await db.$queryRaw<{ status: string; n: number | bigint }[]>`
    SELECT i."status", COUNT(*) AS n FROM "Item" i
    WHERE ${itemFilterSql(providerOf(db), projectId, { ...f, status: undefined })} AND i."id" IN (${match.matching})
    GROUP BY i."status"`;
  const counts = Object.fromEntries(ITEM_STATUSES.map((s) => [s, 0])) as StatusCounts;
  for (const g of groups) counts[g.status as keyof StatusCounts] = Number(g.n);
  return counts;
}

/** Every matching item of the project (for callers that filter through Prisma: the model answers job). */
export async function matchingItemIds(db: Db, projectId: string, match: TextMatch): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`SELECT i."id" FROM "Item" i WHERE ${noIndex(providerOf(db), "projectId", "i")} = ${projectId} AND i."id" IN (${match.matching})`;
  return rows.map((r) => r.id);
}
