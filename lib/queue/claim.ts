// The work queue. An annotator asks for the next item; they get, in this order:
//   1. an item of theirs that a reviewer sent back (CHANGES_REQUESTED),
//   2. their own DRAFT item still held (live lease, or assigned to them by an admin),
//   3. the oldest DRAFT item nobody holds (unassigned or lease expired), except items they
//      skipped themselves, which come back to them only when nothing else is left.
// Claims are conditional UPDATEs (the "nobody holds it" test is in the WHERE), so two claimers can
// never both win an item, on SQLite (writes are serialised) or PostgreSQL (the second UPDATE waits
// for the first and re-checks the WHERE). A lost race just moves on to another candidate.
import { recordAudit } from "../audit/record";
import type { Db } from "../db/client";
import { claimableWhere } from "./lease";
import { claimInputSchema, type ClaimInput } from "./schemas";

export interface Claim {
  itemId: string;
  status: "DRAFT" | "CHANGES_REQUESTED";
  leaseExpiresAt: Date;
  reason: "changes-requested" | "resumed" | "new";
}

/** Candidates read per round (enough for 20+ claimers racing for the same oldest items). */
export const CANDIDATE_BATCH = 32;
export const MAX_ROUNDS = 5;

export class ClaimContention extends Error {
  constructor() {
    super(`claim: lost the race for an item ${MAX_ROUNDS} times in a row; try again`);
    this.name = "ClaimContention";
  }
}

type Candidate = { id: string; assigneeId: string | null; leaseExpiresAt: Date | null };

export async function claimNextItem(db: Db, input: ClaimInput): Promise<Claim | null> {
  const { projectId, userId, leaseMs, now = new Date() } = claimInputSchema.parse(input);
  const leaseExpiresAt = new Date(now.getTime() + leaseMs);

  // 1 + 2: work already this user's (served by the [assigneeId, status] index).
  const returned = await db.item.findFirst({
    where: { projectId, assigneeId: userId, status: "CHANGES_REQUESTED" },
    select: { id: true, leaseExpiresAt: true },
    orderBy: { id: "asc" },
  });
  if (returned && (await conditionalClaim(db, returned, { id: returned.id, assigneeId: userId, status: "CHANGES_REQUESTED" }, userId, leaseExpiresAt, "changes-requested"))) {
    return { itemId: returned.id, status: "CHANGES_REQUESTED", leaseExpiresAt, reason: "changes-requested" };
  }
  const held = await db.item.findFirst({
    where: { projectId, assigneeId: userId, status: "DRAFT", OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { gt: now } }] },
    select: { id: true, leaseExpiresAt: true },
    orderBy: { id: "asc" },
  });
  if (held && (await conditionalClaim(db, held, { id: held.id, assigneeId: userId, status: "DRAFT" }, userId, leaseExpiresAt, "resumed"))) {
    return { itemId: held.id, status: "DRAFT", leaseExpiresAt, reason: "resumed" };
  }

  // 3: the shared pool, oldest first (cuid ids grow with creation time, and the [projectId, status, id]
  // index yields them in order without sorting). Own expired/skipped items are a last resort.
  for (const includeOwn of [false, true]) {
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const pool = await db.item.findMany({
        where: includeOwn
          ? { projectId, status: "DRAFT", assigneeId: userId, leaseExpiresAt: { lt: now } }
          : { projectId, status: "DRAFT", OR: [{ assigneeId: null }, { leaseExpiresAt: { lt: now }, assigneeId: { not: userId } }] },
        select: { id: true, assigneeId: true, leaseExpiresAt: true },
        orderBy: { id: "asc" },
        take: CANDIDATE_BATCH,
      });
      if (pool.length === 0) break;
      for (const candidate of tryOrder(pool)) {
        if (await conditionalClaim(db, candidate, { id: candidate.id, ...claimableWhere(now) }, userId, leaseExpiresAt, "new")) {
          return { itemId: candidate.id, status: "DRAFT", leaseExpiresAt, reason: "new" };
        }
      }
      if (round === MAX_ROUNDS - 1) throw new ClaimContention();
    }
  }
  return null;
}

/**
 * The oldest candidate first; after losing it (others are claiming right now) the rest in random
 * order, so concurrent claimers spread out instead of all fighting over the next-oldest item.
 */
function tryOrder<T>(pool: T[]): T[] {
  const rest = pool.slice(1);
  for (let i = rest.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [rest[i], rest[j]] = [rest[j], rest[i]];
  }
  return [pool[0], ...rest];
}

/** One atomic claim attempt: the UPDATE only matches while `where` still holds; audited in the same transaction. */
async function conditionalClaim(
  db: Db,
  before: Pick<Candidate, "id" | "leaseExpiresAt"> & { assigneeId?: string | null },
  where: object,
  userId: string,
  leaseExpiresAt: Date,
  reason: Claim["reason"],
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.item.updateMany({ where, data: { assigneeId: userId, leaseExpiresAt } });
    if (count === 0) return false;
    await recordAudit(tx, {
      actorId: userId,
      entity: "Item",
      entityId: before.id,
      action: "claim",
      before: { assigneeId: before.assigneeId ?? userId, leaseExpiresAt: before.leaseExpiresAt },
      after: { assigneeId: userId, leaseExpiresAt, reason },
    });
    return true;
  });
}
