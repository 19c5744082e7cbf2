// The items table's pages in both directions. listItems walks forward from a cursor; the previous
// page is the same keyset walk in the opposite direction from the page's first row, reversed. Both
// stay index range scans that stop after one page, whatever the project's size.
import { z } from "zod";
import type { Db } from "../db/client";
import { encodeCursor, type SortKey } from "./cursor";
import { listItems, type ItemRow, type TextMatches } from "./list";
import { ANSWER_TYPES } from "../projects/settings";
import { ITEM_STATUSES } from "./status";
import { listItemsSchema, sortOf, type ListItemsOptions } from "./schemas";

export interface ItemTablePage {
  items: ItemRow[];
  /** Cursor of the page after this one (pass as `cursor`), null on the last page. */
  nextCursor: string | null;
  /** Cursor of the page before this one (pass as `before`), null on the first page. */
  prevCursor: string | null;
}

export const itemTablePageSchema = z.object({ before: z.string().max(200).optional() });

function cursorOf(row: ItemRow, sort: SortKey): string {
  if (sort === "relevance") return encodeCursor({ s: "relevance", id: row.id, v: row.score ?? 0 });
  return encodeCursor(sort === "created" ? { s: "created", id: row.id } : { s: "updated", id: row.id, v: row.updatedAt.toISOString() });
}

/**
 * One page of the table. `cursor`: the rows after it (next page); `before`: the rows before it
 * (previous page); neither: the first page. `matches`: the text query's search, done already (findTextMatches).
 */
export async function listItemTablePage(db: Db, projectId: string, options: ListItemsOptions & { before?: string } = {}, matches?: TextMatches): Promise<ItemTablePage> {
  const { before } = itemTablePageSchema.parse(options);
  const { before: _before, ...rest } = options;
  const parsed = listItemsSchema.parse(rest);
  const f = { ...parsed, sort: sortOf(parsed) };
  if (before) {
    const back = await listItems(db, projectId, { ...rest, cursor: before, dir: f.dir === "asc" ? "desc" : "asc" }, matches);
    const items = back.items.reverse();
    if (items.length === 0) return listItemTablePage(db, projectId, { ...rest, cursor: undefined }, matches);
    return { items, nextCursor: cursorOf(items[items.length - 1], f.sort), prevCursor: back.nextCursor ? cursorOf(items[0], f.sort) : null };
  }
  const page = await listItems(db, projectId, rest, matches);
  return { items: page.items, nextCursor: page.nextCursor, prevCursor: f.cursor && page.items.length > 0 ? cursorOf(page.items[0], f.sort) : null };
}

/** The items just before and after one item in creation order: the editor's previous / next. */
export async function adjacentItemIds(db: Db, projectId: string, itemId: string): Promise<{ previous: string | null; next: string | null }> {
  const [previous, next] = await Promise.all([
    db.item.findFirst({ where: { projectId, id: { lt: itemId } }, orderBy: { id: "desc" }, select: { id: true } }),
    db.item.findFirst({ where: { projectId, id: { gt: itemId } }, orderBy: { id: "asc" }, select: { id: true } }),
  ]);
  return { previous: previous?.id ?? null, next: next?.id ?? null };
}

// ---- The items table's URL: every parameter is optional text; anything unknown is an error naming it.
const param = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (Array.isArray(v) ? v[0] : v)?.trim() || undefined);

export const itemTableQuerySchema = z
  .object({
    status: param.pipe(z.enum(ITEM_STATUSES).optional()),
    /** A user id, or "none" for unassigned items. */
    assignee: param.pipe(z.string().max(64).optional()),
    type: param.pipe(z.enum(ANSWER_TYPES).optional()),
    tag: param.pipe(z.string().max(40).optional()),
    warnings: param.pipe(z.enum(["yes", "no"]).optional()),
    model: param.pipe(z.enum(["wrong"]).optional()),
    q: param.pipe(z.string().max(200).optional()),
    sort: param.pipe(z.enum(["created", "updated", "relevance"]).optional()),
    dir: param.pipe(z.enum(["asc", "desc"]).optional()),
    cursor: param.pipe(z.string().max(200).optional()),
    before: param.pipe(z.string().max(200).optional()),
  })
  .transform((p) => ({
    status: p.status,
    assigneeId: p.assignee === undefined ? undefined : p.assignee === "none" ? null : p.assignee,
    answerType: p.type,
    tag: p.tag?.toLowerCase(),
    hasLintWarnings: p.warnings === undefined ? undefined : p.warnings === "yes",
    modelWrong: p.model === "wrong" ? true : undefined,
    q: p.q,
    // Best match first while searching, unless another order was asked for; never without a search.
    sort: sortOf({ sort: p.sort ?? defaultSort(p), q: p.q }),
    dir: p.dir ?? "desc",
    cursor: p.cursor,
    before: p.before,
  }));
export type ItemTableQuery = z.output<typeof itemTableQuerySchema>;

/** The table's order when the URL names none: best match while searching, else creation. */
export function defaultSort(query: { q?: string }): "created" | "relevance" {
  return query.q ? "relevance" : "created";
}

/** The query string for a table URL (empty values left out), e.g. to keep the filters on a pagination link. */
export function itemTableSearch(query: ItemTableQuery, page: { cursor?: string | null; before?: string | null } = {}, overrides: Partial<Record<string, string | undefined>> = {}): string {
  const values: Record<string, string | undefined> = {
    status: query.status,
    assignee: query.assigneeId === null ? "none" : query.assigneeId,
    type: query.answerType,
    tag: query.tag,
    warnings: query.hasLintWarnings === undefined ? undefined : query.hasLintWarnings ? "yes" : "no",
    model: query.modelWrong ? "wrong" : undefined,
    q: query.q,
    sort: query.sort === defaultSort(query) ? undefined : query.sort,
    dir: query.dir === "desc" ? undefined : query.dir,
    cursor: page.cursor ?? undefined,
    before: page.before ?? undefined,
    ...overrides,
  };
  const search = new URLSearchParams(Object.entries(values).filter((e): e is [string, string] => !!e[1]));
  const text = search.toString();
  return text ? `?${text}` : "";
}
