// The items table: filters, keyset pagination and counts per status.
//
// "created" order is the id order: cuid ids grow with creation time, and the [projectId, id] and
// [projectId, status, id] indexes return rows in that order, so a page is an index range scan that
// stops after `limit` rows whatever the project's size. "updated" order uses (updatedAt, id).
import { notGoldCopy } from "./gold-copies";
import type { Db } from "../db/client";
import type { Prisma } from "../db";
import { prepareTextMatch, type TextMatch } from "./search";
import { countMatchingByStatus, matchingItemIds, matchingPage, type StatusCounts } from "./search-list";
import { decodeCursor, encodeCursor } from "./cursor";
import { ITEM_STATUSES } from "./status";
import { projectItemStatusCounts } from "./status-counts";
import { listItemsSchema, sortOf, type ListItemsFilters, type ListItemsOptions } from "./schemas";

const rowSelect = {
  id: true,
  question: true,
  answerType: true,
  status: true,
  isGold: true,
  lintWarnings: true,
  version: true,
  createdAt: true,
  updatedAt: true,
  leaseExpiresAt: true,
  assignee: { select: { id: true, name: true } },
  asset: { select: { id: true, thumbnailKey: true } },
  tags: { select: { tag: true }, orderBy: { tag: "asc" } },
} satisfies Prisma.ItemSelect;

type Row = Prisma.ItemGetPayload<{ select: typeof rowSelect }>;
export type ItemRow = Omit<Row, "tags"> & { tags: string[]; followUpCount: number; /** With a text query: its relevance (lib/items/search-list.ts). */ score?: number };

export interface ItemPage {
  items: ItemRow[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

/**
 * The text query prepared once (lib/items/search.ts prepareTextMatch) and shared by a table page and its
 * counts, which then filter and count every match in SQL (lib/items/search-list.ts).
 */
export type TextMatches = TextMatch;

export async function findTextMatches(db: Db, projectId: string, q: string | undefined): Promise<TextMatches | undefined> {
  const text = q?.trim();
  return text ? prepareTextMatch(db, projectId, text) : undefined;
}

/** `matches` when it was prepared for this query and project, else the query prepared now. */
async function textMatchFor(db: Db, projectId: string, q: string, matches?: TextMatches): Promise<TextMatch> {
  return matches && matches.q === q && matches.projectId === projectId ? matches : prepareTextMatch(db, projectId, q);
}

/**
 * The filters but the text query as a WHERE clause (without the cursor), for callers that filter through
 * Prisma. A text query's matches can be tens of thousands of ids, more than one statement may bind: the
 * table's page and counts take it in their SQL (lib/items/search-list.ts), other callers keep the ids of
 * `textMatchIds` in memory.
 */
export async function itemFilterWhere(db: Db, projectId: string, f: Omit<ListItemsFilters, "sort" | "dir" | "limit" | "cursor" | "q">): Promise<Prisma.ItemWhereInput> {
  const where: Prisma.ItemWhereInput = { projectId, ...notGoldCopy };
  if (f.status) where.status = f.status;
  if (f.assigneeId !== undefined) where.assigneeId = f.assigneeId;
  if (f.answerType) where.answerType = f.answerType;
  if (f.tag) where.tags = { some: { tag: f.tag } };
  if (f.hasLintWarnings !== undefined) where.lintWarnings = f.hasLintWarnings ? { gt: 0 } : 0;
  if (f.modelWrong !== undefined) where.modelAnswers = f.modelWrong ? { some: { correct: false } } : { none: { correct: false } };
  return where;
}

/** Every item of the project whose text matches `q` (null without a query): for filtering in memory. */
export async function textMatchIds(db: Db, projectId: string, q: string | undefined): Promise<Set<string> | null> {
  const match = await findTextMatches(db, projectId, q);
  return match ? new Set(await matchingItemIds(db, projectId, match)) : null;
}

export async function listItems(db: Db, projectId: string, options: ListItemsOptions = {}, matches?: TextMatches): Promise<ItemPage> {
  const f = listItemsSchema.parse(options);
  if (f.q) return listMatchingItems(db, projectId, { ...f, q: f.q }, await textMatchFor(db, projectId, f.q, matches));
  f.sort = sortOf(f);
  const where = await itemFilterWhere(db, projectId, f);
  const cmp = f.dir === "asc" ? "gt" : "lt";

  let after: Prisma.ItemWhereInput | undefined;
  if (f.cursor) {
    const c = decodeCursor(f.cursor, f.sort);
    if (c.s === "created") after = { id: { [cmp]: c.id } };
    else if (c.s === "updated") {
      const v = new Date(c.v);
      after = { OR: [{ updatedAt: { [cmp]: v } }, { updatedAt: v, id: { [cmp]: c.id } }] };
    }
  }
  const orderBy: Prisma.ItemOrderByWithRelationInput[] =
    f.sort === "created" ? [{ id: f.dir }] : [{ updatedAt: f.dir }, { id: f.dir }];

  const rows = await db.item.findMany({
    where: after ? { AND: [where, after] } : where,
    select: rowSelect,
    orderBy,
    take: f.limit + 1,
  });
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > f.limit && last
      ? encodeCursor(f.sort === "created" ? { s: "created", id: last.id } : { s: "updated", id: last.id, v: last.updatedAt.toISOString() })
      : null;
  return { items: await withFollowUpCounts(db, page), nextCursor };
}

/**
 * The counts a search page found with its rows (the same statement), kept with the prepared query for
 * countItemsByStatus under the same filters: the items page asks for both, and finding a common word's
 * matches twice would double its cost.
 */
const countedWithPage = new WeakMap<TextMatch, Map<string, StatusCounts>>();
const countKey = (f: Omit<ListItemsFilters, "sort" | "dir" | "limit" | "cursor">) =>
  JSON.stringify([f.assigneeId === undefined ? "any" : f.assigneeId, f.answerType, f.tag, f.hasLintWarnings, f.modelWrong].map((v) => v ?? null));

/** A page with a text query: ids (and scores) from lib/items/search-list.ts, then the rows. */
async function listMatchingItems(db: Db, projectId: string, f: ListItemsFilters & { q: string }, match: TextMatch): Promise<ItemPage> {
  const { rows: hits, counts } = await matchingPage(db, projectId, f, match);
  countedWithPage.set(match, (countedWithPage.get(match) ?? new Map()).set(countKey(f), counts));
  const pageHits = hits.slice(0, f.limit);
  const rows = await db.item.findMany({ where: { id: { in: pageHits.map((h) => h.id) } }, select: rowSelect });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const page = pageHits.flatMap((h) => {
    const row = byId.get(h.id);
    return row ? [{ ...row, score: h.score }] : []; // deleted between the two queries
  });
  const last = pageHits[pageHits.length - 1];
  const nextCursor =
    hits.length > f.limit && last
      ? encodeCursor(
          f.sort === "created"
            ? { s: "created", id: last.id }
            : f.sort === "updated"
              ? { s: "updated", id: last.id, v: last.updatedAt.toISOString() }
              : { s: "relevance", id: last.id, v: last.score },
        )
      : null;
  return { items: await withFollowUpCounts(db, page), nextCursor };
}

async function withFollowUpCounts(db: Db, page: (Row & { score?: number })[]): Promise<ItemRow[]> {
  // Follow-up counts for this page only. (Prisma's `_count` relation aggregates the whole FollowUp
  // table in a subquery: 110 ms at 100k follow-ups, against 3 ms for this indexed query.)
  const counts = await db.followUp.groupBy({ by: ["itemId"], where: { itemId: { in: page.map((r) => r.id) } }, _count: { _all: true } });
  const countOf = new Map(counts.map((c) => [c.itemId, c._count._all]));
  return page.map(({ tags, ...rest }) => ({ ...rest, tags: tags.map((t) => t.tag), followUpCount: countOf.get(rest.id) ?? 0 }));
}

/** Items per status under the same filters (the status filter itself ignored): one grouped query. */
export async function countItemsByStatus(
  db: Db,
  projectId: string,
  options: Omit<ListItemsOptions, "sort" | "dir" | "cursor" | "limit"> = {},
  matches?: TextMatches,
): Promise<Record<(typeof ITEM_STATUSES)[number], number>> {
  const f = listItemsSchema.parse(options);
  // Unfiltered: the counts the database keeps (a few rows, not every item of the project).
  if (!hasCountFilter(f)) return projectItemStatusCounts(db, projectId);
  if (f.q) {
    const match = await textMatchFor(db, projectId, f.q, matches);
    return countedWithPage.get(match)?.get(countKey(f)) ?? countMatchingByStatus(db, projectId, f, match);
  }
  const groups = await db.item.groupBy({
    by: ["status"],
    where: await itemFilterWhere(db, projectId, { ...f, status: undefined }),
    _count: { _all: true },
  });
  const counts = Object.fromEntries(ITEM_STATUSES.map((s) => [s, 0])) as Record<(typeof ITEM_STATUSES)[number], number>;
  for (const g of groups) counts[g.status] = g._count._all;
  return counts;
}

/** Options that do not narrow which items are counted (the counts ignore the status filter). */
const NOT_COUNT_FILTERS: ReadonlySet<string> = new Set(["status", "sort", "dir", "cursor", "limit"] satisfies (keyof ListItemsFilters)[]);

/** Whether any other option narrows the items (any filter, including one added later, counts as one). */
function hasCountFilter(f: ListItemsFilters): boolean {
  return Object.entries(f).some(([key, value]) => !NOT_COUNT_FILTERS.has(key) && value !== undefined && value !== "");
}
