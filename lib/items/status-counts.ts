// A whole project's items per status, read from the counts the database keeps (ItemStatusCount: one row
// per project and status, kept exact by triggers on Item, prisma/migrations/*/*_item_status_counts)
// instead of reading every item of the project. Filtered counts still count the items (lib/items/list.ts).
import type { Db } from "../db/client";
import { Prisma } from "../db/generated/sqlite/client";
import { ITEM_STATUSES, isItemStatus, type ItemStatus } from "./status";

export type StatusCounts = Record<ItemStatus, number>;

export function noStatusCounts(): StatusCounts {
  return Object.fromEntries(ITEM_STATUSES.map((s) => [s, 0])) as StatusCounts;
}

/** Every item of the project per status, gold copies included (the counters as kept). */
export async function allItemStatusCounts(db: Db, projectId: string): Promise<StatusCounts> {
  const rows = await db.itemStatusCount.findMany({ where: { projectId }, select: { status: true, items: true } });
  const counts = noStatusCounts();
  for (const row of rows) counts[row.status] = row.items;
  return counts;
}

/**
 * The project's items per status without the gold copies, as lists and overviews show them
 * (lib/items/gold-copies.ts): the counters less the copies, found through the project's gold attempts
 * (one copy each; a few per annotator, however many items the project has).
 */
export async function projectItemStatusCounts(db: Db, projectId: string): Promise<StatusCounts> {
  const [counts, copies] = await Promise.all([allItemStatusCounts(db, projectId), goldCopyStatusCounts(db, projectId)]);
  for (const [status, n] of copies) counts[status] -= n;
  return counts;
}

/** The total of a status count. */
export function totalOf(counts: StatusCounts): number {
  return Object.values(counts).reduce((a, b) => a + b, 0);
}

async function goldCopyStatusCounts(db: Db, projectId: string): Promise<Array<[ItemStatus, number]>> {
  const rows = await db.$queryRaw<Array<{ status: string; items: unknown }>>(Prisma.sql`
    SELECT i."status" AS "status", CAST(COUNT(*) AS INTEGER) AS "items"
    FROM "GoldAttempt" g JOIN "Item" i ON i."id" = g."itemId"
    WHERE g."projectId" = ${projectId} AND i."projectId" = ${projectId}
    GROUP BY i."status"`);
  return rows.filter((r) => isItemStatus(r.status)).map((r) => [r.status as ItemStatus, Number(r.items)]);
}
