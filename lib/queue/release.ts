// Keeping and giving back a claimed item.
import { recordAudit } from "../audit/record";
import type { Db } from "../db/client";
import { WORK_STATUSES } from "../items/status";
import { releaseInputSchema, renewInputSchema, type ReleaseInput, type RenewInput } from "./schemas";

/**
 * Extends the lease of an item the user holds (the editor calls this while it is open). Returns the
 * new expiry, or null when the user no longer holds the item (the lease ran out and someone else
 * claimed it, or it was submitted/reassigned): the editor must then stop and reload.
 */
export async function renewLease(db: Db, input: RenewInput): Promise<Date | null> {
  const { itemId, userId, leaseMs, now = new Date() } = renewInputSchema.parse(input);
  const leaseExpiresAt = new Date(now.getTime() + leaseMs);
  return db.$transaction(async (tx) => {
    const { count } = await tx.item.updateMany({
      where: { id: itemId, assigneeId: userId, status: { in: [...WORK_STATUSES] } },
      data: { leaseExpiresAt },
    });
    if (count === 0) return null;
    await recordAudit(tx, { actorId: userId, entity: "Item", entityId: itemId, action: "lease.renew", after: { leaseExpiresAt } });
    return leaseExpiresAt;
  });
}

/**
 * Gives an item back. "leave": a DRAFT goes back to the queue for anyone. "skip": a DRAFT stays
 * marked with this user and an already-expired lease, so others can claim it at once while this
 * user's queue passes it over (it comes back to them only when nothing else is left). A
 * CHANGES_REQUESTED item stays with its annotator either way (only the lease ends): it is theirs
 * to fix. Returns false when the user did not hold the item.
 */
export async function releaseClaim(db: Db, input: ReleaseInput): Promise<boolean> {
  const { itemId, userId, mode, now = new Date() } = releaseInputSchema.parse(input);
  return db.$transaction(async (tx) => {
    const draft = await tx.item.updateMany({
      where: { id: itemId, assigneeId: userId, status: "DRAFT" },
      // A skipped lease ends a millisecond ago, so it is already expired for every later claim.
      data: mode === "skip" ? { leaseExpiresAt: new Date(now.getTime() - 1) } : { assigneeId: null, leaseExpiresAt: null },
    });
    const returned =
      draft.count > 0
        ? draft
        : await tx.item.updateMany({ where: { id: itemId, assigneeId: userId, status: "CHANGES_REQUESTED" }, data: { leaseExpiresAt: null } });
    if (returned.count === 0) return false;
    await recordAudit(tx, { actorId: userId, entity: "Item", entityId: itemId, action: mode === "skip" ? "skip" : "release", before: { assigneeId: userId } });
    return true;
  });
}
