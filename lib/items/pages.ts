// The items table's pages in both directions. listItems walks forward from a cursor; the previous
// page is the same keyset walk in the opposite direction from the page's first row, reversed. Both
// stay index range scans that stop after one page, whatever the project's size.
import { z } from "zod";
import type { Db } from "../db/client";
import { encodeCursor } from "./cursor";
import { listItems, type ItemRow } from "./list";
import { listItemsSchema, type ListItemsOptions } from "./schemas";

export interface ItemTablePage {
  items: ItemRow[];
  /** Cursor of the page after this one (pass as `cursor`), null on the last page. */
  nextCursor: string | null;
  /** Cursor of the page before this one (pass as `before`), null on the first page. */
  prevCursor: string | null;
}

export const itemTablePageSchema = z.object({ before: z.string().max(200).optional() });

function cursorOf(row: ItemRow, sort: "created" | "updated"): string {
  return encodeCursor(sort === "created" ? { s: "created", id: row.id } : { s: "updated", id: row.id, v: row.updatedAt.toISOString() });
}

/**
 * One page of the table. `cursor`: the rows after it (next page); `before`: the rows before it
 * (previous page); neither: the first page.
 */
export async function listItemTablePage(db: Db, projectId: string, options: ListItemsOptions & { before?: string } = {}): Promise<ItemTablePage> {
  const { before } = itemTablePageSchema.parse(options);
  const { before: _before, ...rest } = options;
  const f = listItemsSchema.parse(rest);
  if (before) {
    const back = await listItems(db, projectId, { ...rest, cursor: before, dir: f.dir === "asc" ? "desc" : "asc" });
    const items = back.items.reverse();
    if (items.length === 0) return listItemTablePage(db, projectId, { ...rest, cursor: undefined });
    return { items, nextCursor: cursorOf(items[items.length - 1], f.sort), prevCursor: back.nextCursor ? cursorOf(items[0], f.sort) : null };
  }
  const page = await listItems(db, projectId, rest);
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
