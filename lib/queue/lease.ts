// Leases: an annotator holds an item for a limited time; when the lease runs out (closed tab,
// lunch) the item goes back to the queue.

/** Default lease: long enough to write a follow-up, short enough that abandoned items come back soon. */
export const LEASE_MS = 10 * 60 * 1000;
export const MIN_LEASE_MS = 10 * 1000;
export const MAX_LEASE_MS = 4 * 60 * 60 * 1000;

/**
 * Who may claim a DRAFT item at `now`: nobody holds it, or the holder's lease ran out. The same
 * condition is the WHERE of the claiming UPDATE, which is what makes a claim atomic.
 */
export function claimableWhere(now: Date) {
  return { status: "DRAFT" as const, OR: [{ assigneeId: null }, { leaseExpiresAt: { lt: now } }] };
}
