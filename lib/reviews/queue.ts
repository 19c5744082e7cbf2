// The review queue. A reviewer asks for the next item; they get their own live claim if they hold one
// (renewed), else the oldest SUBMITTED or IN_REVIEW item that nobody holds (or whose claim ran out), that
// still needs a review of the current round from them, and that they did not write.
//
// Like the annotation queue (lib/queue/claim.ts), the claim is chosen inside the statement that records it
// (lib/reviews/claim-sql.ts): one statement picks the item and writes its audit event, the next takes it, so
// two reviewers never win the same item (SQLite: one writer at a time; PostgreSQL: FOR UPDATE SKIP LOCKED).
// Claiming one named item (claimReviewOf, the REST API) still reads, checks and then writes conditionally.
import { recordAudit } from "../audit/record";
import { addFigures } from "../quality/figures/store";
import { reviewClaimStatements } from "./claim-sql";
import { PERMISSIONS } from "../auth/roles";
import type { Db } from "../db/client";
import { lockForWriting, providerOf } from "../db/provider";
import { ForbiddenError } from "../errors";
import { REVIEWABLE_STATUSES } from "../items/status";
import { assertNotAuthor, transitionItems } from "../items/transition";
import { REVIEW_LEASE_MS, reviewClaimInputSchema, type ReviewClaimInput } from "./schemas";

export interface ReviewClaim {
  itemId: string;
  leaseExpiresAt: Date;
  reason: "resumed" | "new";
}

/** What the queue may hand out at `now`, for `userId` (the "not written by them" part without follow-ups). */
export function reviewableWhere(projectId: string, userId: string, now: Date) {
  return {
    projectId,
    status: { in: [...REVIEWABLE_STATUSES] },
    awaitingAdjudication: false,
    AND: [
      { OR: [{ reviewerId: null }, { reviewLeaseExpiresAt: { lt: now } }] },
      { OR: [{ submittedById: null }, { submittedById: { not: userId } }] },
    ],
  };
}

export async function claimNextReview(db: Db, input: ReviewClaimInput): Promise<ReviewClaim | null> {
  const { projectId, userId, leaseMs, now = new Date() } = reviewClaimInputSchema.parse(input);
  const leaseExpiresAt = new Date(now.getTime() + leaseMs);
  const { audit, take, pickOf } = reviewClaimStatements(providerOf(db), { projectId, userId, now, leaseExpiresAt });
  return db.$transaction(async (tx) => {
    // The first statement writes (the audit event of the pick), so on SQLite the write lock comes first.
    await tx.$executeRaw(audit.insert);
    const [row] = await tx.$queryRaw<{ id: string; from: unknown; action: unknown }[]>(take);
    if (row) {
      const { pick, tag } = pickOf(row);
      // SUBMITTED → IN_REVIEW moves the dashboard's status figures, as every status change does.
      await addFigures(tx, projectId, audit.figureRows(tag));
      return { itemId: row.id, leaseExpiresAt, reason: pick === "resumed" ? ("resumed" as const) : ("new" as const) };
    }
    // Nothing picked: a reviewer without the role is told so rather than shown an empty queue.
    const user = await tx.user.findUnique({ where: { id: userId }, select: { role: true, disabled: true } });
    if (!user || user.disabled || !(PERMISSIONS.review as readonly string[]).includes(user.role)) throw new ForbiddenError("Your role cannot review.");
    return null;
  });
}

type Tx = Parameters<Parameters<Db["$transaction"]>[0]>[0];

/** One atomic claim attempt: SUBMITTED → IN_REVIEW through the lifecycle, or a free IN_REVIEW item taken over. */
async function claimOne(tx: Tx, item: { id: string; status: string; reviewRound: number }, userId: string, now: Date, leaseExpiresAt: Date): Promise<boolean> {
  const free = { awaitingAdjudication: false, reviewRound: item.reviewRound, OR: [{ reviewerId: null }, { reviewLeaseExpiresAt: { lt: now } }] };
  const data = { reviewerId: userId, reviewLeaseExpiresAt: leaseExpiresAt };
  if (item.status === "SUBMITTED") {
    const { moved } = await transitionItems(tx, { itemIds: [item.id], to: "IN_REVIEW", by: "reviewer", actorId: userId, where: free, data, audit: { reviewerId: userId, leaseExpiresAt }, onIllegal: "skip" });
    return moved.length === 1;
  }
  const { count } = await tx.item.updateMany({ where: { id: item.id, status: "IN_REVIEW", ...free }, data });
  if (count === 0) return false;
  await recordAudit(tx, { actorId: userId, entity: "Item", entityId: item.id, action: "review.claim", after: { reviewerId: userId, leaseExpiresAt } });
  return true;
}

/**
 * Renews the review claim the reviewer holds (the review screen calls it while they work, as the editor
 * renews its lease). Still theirs while nobody else claimed it, even just past its expiry. Returns the new
 * expiry, or null when the item is no longer theirs to review.
 */
export async function renewReview(db: Db, input: { itemId: string; userId: string; leaseMs?: number; now?: Date }): Promise<Date | null> {
  const now = input.now ?? new Date();
  const leaseExpiresAt = new Date(now.getTime() + (input.leaseMs ?? REVIEW_LEASE_MS));
  return db.$transaction(async (tx) => {
    const { count } = await tx.item.updateMany({ where: { id: input.itemId, status: "IN_REVIEW", reviewerId: input.userId }, data: { reviewLeaseExpiresAt: leaseExpiresAt } });
    if (count === 0) return null;
    await recordAudit(tx, { actorId: input.userId, entity: "Item", entityId: input.itemId, action: "review.renew", after: { leaseExpiresAt } });
    return leaseExpiresAt;
  });
}

/** Gives a review claim back: with no review of this round yet the item returns to SUBMITTED, else it stays IN_REVIEW for others. */
export async function releaseReview(db: Db, input: { itemId: string; userId: string }): Promise<boolean> {
  return db.$transaction(async (tx) => {
    await lockForWriting(tx, providerOf(db));
    const item = await tx.item.findUnique({ where: { id: input.itemId }, select: { status: true, reviewerId: true, reviewRound: true } });
    if (!item || item.status !== "IN_REVIEW" || item.reviewerId !== input.userId) return false;
    const data = { reviewerId: null, reviewLeaseExpiresAt: null };
    const reviewed = await tx.review.count({ where: { itemId: input.itemId, round: item.reviewRound } });
    if (reviewed === 0) {
      await transitionItems(tx, { itemIds: [input.itemId], to: "SUBMITTED", by: "reviewer", actorId: input.userId, where: { reviewerId: input.userId }, data });
    } else {
      await tx.item.update({ where: { id: input.itemId }, data });
      await recordAudit(tx, { actorId: input.userId, entity: "Item", entityId: input.itemId, action: "review.release", before: { reviewerId: input.userId } });
    }
    return true;
  });
}

/**
 * Claims one given item for review (the REST API reviews a named item): yours already, or free and
 * waiting for your review. Returns false when it is not waiting for you (held by someone else, decided,
 * reviewed by you this round); 403 when you wrote it.
 */
export async function claimReviewOf(db: Db, input: { itemId: string; userId: string; leaseMs?: number; now?: Date }): Promise<boolean> {
  const now = input.now ?? new Date();
  const leaseExpiresAt = new Date(now.getTime() + (input.leaseMs ?? REVIEW_LEASE_MS));
  return db.$transaction(async (tx) => {
    await lockForWriting(tx, providerOf(db));
    const item = await tx.item.findUnique({
      where: { id: input.itemId },
      select: { id: true, projectId: true, status: true, reviewRound: true, reviewerId: true, submittedById: true, reviews: { where: { reviewerId: input.userId }, select: { round: true } } },
    });
    if (!item) return false;
    await assertNotAuthor(tx, item, input.userId);
    if (item.status === "IN_REVIEW" && item.reviewerId === input.userId) return true;
    if (item.reviews.some((r) => r.round === item.reviewRound)) return false;
    const free = await tx.item.count({ where: { id: item.id, ...reviewableWhere(item.projectId, input.userId, now) } });
    return free === 1 && claimOne(tx, item, input.userId, now, leaseExpiresAt);
  });
}
