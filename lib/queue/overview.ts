// The work queue page's summary for one annotator: what is waiting for them, counted with a cap so
// the page stays fast on very large projects.
import { notGoldWork } from "../items/gold-copies";
import type { Db } from "../db/client";
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
    db.item.count({ where: { projectId, assigneeId: userId, status: "CHANGES_REQUESTED" } }),
    db.item.count({ where: { projectId, assigneeId: userId, status: "DRAFT", OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { gt: now } }] } }),
  ]);
  return { available, returned, held };
}
