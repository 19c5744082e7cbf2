// Holding one particular item while its editor is open (opened from the items table, a link, or
// after a claim from the queue): the editor takes the item if nobody else holds it and keeps the
// lease alive while the annotator works. The same rules as the queue's claims: a DRAFT nobody holds
// (or whose lease ran out) can be taken; an item assigned to someone else, or returned to someone
// else for changes, cannot.
import { z } from "zod";
import { recordAudit } from "../audit/record";
import type { Db } from "../db/client";
import { lockForWriting, providerOf } from "../db/provider";
import { isWorkStatus, WORK_STATUSES } from "../items/status";
import { claimableWhere, LEASE_MS, MAX_LEASE_MS, MIN_LEASE_MS } from "./lease";

export const holdInputSchema = z.object({
  itemId: z.string().min(1),
  userId: z.string().min(1),
  leaseMs: z.number().int().min(MIN_LEASE_MS).max(MAX_LEASE_MS).default(LEASE_MS),
  now: z.date().optional(),
});
export type HoldInput = z.input<typeof holdInputSchema>;

export type Hold =
  /** The user holds the item until `leaseExpiresAt` ("taken": just now; "renewed": they held it already). */
  | { held: true; how: "taken" | "renewed"; leaseExpiresAt: Date }
  /** An admin assigned the item to this user without a lease: theirs with no expiry; nothing changes. */
  | { held: true; how: "assigned"; leaseExpiresAt: null }
  /** Someone else holds it, or it is not open for work (submitted, in review…). */
  | { held: false; holderId: string | null; status: string };

export async function holdItem(db: Db, input: HoldInput): Promise<Hold | null> {
  const { itemId, userId, leaseMs, now = new Date() } = holdInputSchema.parse(input);
  const leaseExpiresAt = new Date(now.getTime() + leaseMs);
  return db.$transaction(async (tx) => {
    await lockForWriting(tx, providerOf(db));
    const item = await tx.item.findUnique({ where: { id: itemId }, select: { status: true, assigneeId: true, leaseExpiresAt: true } });
    if (!item) return null;
    const refused = { held: false as const, holderId: item.assigneeId, status: item.status };
    if (!isWorkStatus(item.status)) return refused;
    if (item.assigneeId === userId && item.leaseExpiresAt === null) return { held: true, how: "assigned", leaseExpiresAt: null };

    const mine = item.assigneeId === userId;
    // The conditional write repeats the test, as a claim does, so it cannot take an item someone else just took.
    const where = mine ? { id: itemId, assigneeId: userId, status: { in: [...WORK_STATUSES] } } : { id: itemId, ...claimableWhere(now) };
    const { count } = await tx.item.updateMany({ where, data: { assigneeId: userId, leaseExpiresAt } });
    if (count === 0) return refused;
    await recordAudit(tx, {
      actorId: userId,
      entity: "Item",
      entityId: itemId,
      action: mine ? "lease.renew" : "claim",
      before: mine ? undefined : { assigneeId: item.assigneeId },
      after: mine ? { leaseExpiresAt } : { assigneeId: userId, leaseExpiresAt, reason: "opened" },
    });
    return { held: true, how: mine ? "renewed" : "taken", leaseExpiresAt };
  });
}
