// Admin bulk actions on selected items: one read, one UPDATE, one batch of audit events, one transaction.
import { recordAuditMany } from "../audit/record";
import type { Db } from "../db/client";
import { z } from "zod";
import { lockForWriting, providerOf } from "../db/provider";
import { bulkAssignSchema, bulkSetStatusSchema } from "./schemas";
import { WORK_STATUSES } from "./status";
import { transitionItems } from "./transition";

export interface BulkResult {
  updated: number;
  /** Selected ids that were not changed: unknown, in another project, or in a status the action does not apply to. */
  skipped: string[];
}

/** Statuses in which an item has a worker; assigning a submitted or reviewed item would rewrite its authorship. */

/** Assigns (or, with null, unassigns) DRAFT and CHANGES_REQUESTED items. Any running lease ends. */
export async function bulkAssign(
  db: Db,
  actorId: string,
  itemIds: string[],
  assigneeId: string | null,
  options: { projectId?: string } = {},
): Promise<BulkResult> {
  const data = bulkAssignSchema.parse({ actorId, itemIds, assigneeId, ...options });
  if (data.assigneeId) {
    const user = await db.user.findUnique({ where: { id: data.assigneeId }, select: { disabled: true } });
    if (!user || user.disabled) throw new z.ZodError([{ code: "custom", path: ["assigneeId"], message: "no such active user", input: data.assigneeId }]);
  }
  const ids = [...new Set(data.itemIds)];
  return db.$transaction(async (tx) => {
    await lockForWriting(tx, providerOf(db)); // reads, then writes
    const where = { id: { in: ids }, status: { in: [...WORK_STATUSES] }, ...(data.projectId ? { projectId: data.projectId } : {}) };
    const before = await tx.item.findMany({ where, select: { id: true, assigneeId: true } });
    const { count } = await tx.item.updateMany({ where: { ...where, id: { in: before.map((b) => b.id) } }, data: { assigneeId: data.assigneeId, leaseExpiresAt: null } });
    await recordAuditMany(
      tx,
      before.map((b) => ({ actorId: data.actorId, entity: "Item", entityId: b.id, action: "assign", before: { assigneeId: b.assigneeId }, after: { assigneeId: data.assigneeId } })),
    );
    const changed = new Set(before.map((b) => b.id));
    return { updated: count, skipped: ids.filter((id) => !changed.has(id)) };
  });
}

/** Sets the status of items (the admin's override, through the lifecycle module). Leases end; versions bump so open editors see the change. */
export async function bulkSetStatus(
  db: Db,
  actorId: string,
  itemIds: string[],
  status: (typeof bulkSetStatusSchema.shape.status.options)[number],
  options: { projectId?: string } = {},
): Promise<BulkResult> {
  const data = bulkSetStatusSchema.parse({ actorId, itemIds, status, ...options });
  return db.$transaction(async (tx) => {
    await lockForWriting(tx, providerOf(db)); // reads, then writes
    const { moved, skipped } = await transitionItems(tx, {
      itemIds: data.itemIds,
      to: data.status,
      by: "admin",
      actorId: data.actorId,
      projectId: data.projectId,
      data: { leaseExpiresAt: null, reviewerId: null, reviewLeaseExpiresAt: null, awaitingAdjudication: false },
      onIllegal: "skip",
    });
    return { updated: moved.length, skipped };
  });
}
