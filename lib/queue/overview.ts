// The work queue page's summary for one annotator: what is waiting for them, counted with a cap so
// the page stays fast on very large projects.
import { notGoldWork } from "../items/gold-copies";
import type { Db } from "../db/client";
import { Prisma } from "../db/generated/sqlite/client";
import { providerOf, sqlNoIndex } from "../db/provider";
import { claimableWhere } from "./lease";

export const OVERVIEW_CAP = 1000;

export interface QueueOverview {
  /** DRAFT items anyone may claim now (capped at OVERVIEW_CAP). */
  available: number;
  /** Items a reviewer sent back to this user. */
  returned: number;
  /** DRAFT items this user holds or was assigned. */
  held: number;
}

export async function queueOverview(db: Db, projectId: string, userId: string, now = new Date()): Promise<QueueOverview> {
  const [available, returned, held] = await Promise.all([
    db.item.count({ where: { projectId, ...claimableWhere(now), ...notGoldWork }, take: OVERVIEW_CAP }),
    ownItems(db, projectId, userId, "CHANGES_REQUESTED"),
    ownItems(db, projectId, userId, "DRAFT", Prisma.sql`AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" > ${now})`),
  ]);
  return { available, returned, held };
}

/**
 * The user's items of a status, read through [assigneeId, status] (a few rows): left to itself, SQLite
 * may walk every item of the status through [projectId, status, id] (150 ms at 66k DRAFT items).
 */
async function ownItems(db: Db, projectId: string, userId: string, status: "DRAFT" | "CHANGES_REQUESTED", extra = Prisma.empty): Promise<number> {
  const [row] = await db.$queryRaw<Array<{ n: unknown }>>(Prisma.sql`
    SELECT COUNT(*) AS "n" FROM "Item"
    WHERE "assigneeId" = ${userId} AND "status" = ${Prisma.raw(`'${status}'`)} AND ${sqlNoIndex(providerOf(db), "projectId")} = ${projectId} ${extra}`);
  return Number(row?.n ?? 0);
}
