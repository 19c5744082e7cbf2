// The work queue. An annotator asks for the next item; they get, in this order:
//   1. an item of theirs that a reviewer sent back (CHANGES_REQUESTED),
//   2. their own DRAFT item still held (live lease, or assigned to them by an admin),
//   3. the oldest DRAFT item nobody holds (unassigned or lease expired), except items they
//      skipped themselves, which come back to them only when nothing else is left — or, when the
//      project serves gold (goldEvery = N), every N-th time a fresh blind copy of a gold item
//      (lib/quality/gold.ts). Gold items and gold copies are never in the shared pool.
//
// A claim is one transaction: find the candidate, then a conditional UPDATE whose WHERE repeats the
// "nobody holds it" test, so two claimers can never both win an item. On SQLite the transaction
// takes the write lock first, so claims are serialised and never lose a race. On PostgreSQL two
// claimers may pick the same candidate: the second UPDATE waits for the first, re-checks the WHERE,
// matches nothing, and that claimer moves on to another candidate.
import type { AuditDb } from "../audit/project-of";
import { recordAudit } from "../audit/record";
import { UnavailableError } from "../errors";
import type { Db } from "../db/client";
import { lockForWriting, providerOf } from "../db/provider";
import { countServe, goldIsDue, serveGoldCopy } from "../quality/gold";
import type { WorkStatus } from "../items/status";
import { claimableWhere } from "./lease";
import { claimInputSchema, type ClaimInput } from "./schemas";

export interface Claim {
  itemId: string;
  status: WorkStatus;
  leaseExpiresAt: Date;
  reason: "changes-requested" | "resumed" | "new";
}

/** Candidates read per round (PostgreSQL claimers racing for the oldest items spread over them). */
export const CANDIDATE_BATCH = 16;
export const MAX_ROUNDS = 5;
/** How many of a user's assigned items are read in one go; beyond that, exact per-kind queries. */
const OWN_SCAN = 200;

/** Lost the race for an item too often (many annotators at once): 503, retry in a second. */
export class ClaimContention extends UnavailableError {
  constructor() {
    super(`Lost the race for an item ${MAX_ROUNDS} times in a row; try again.`, 1);
  }
}

type Tx = AuditDb;

export async function claimNextItem(db: Db, input: ClaimInput): Promise<Claim | null> {
  const { projectId, userId, leaseMs, now = new Date() } = claimInputSchema.parse(input);
  const leaseExpiresAt = new Date(now.getTime() + leaseMs);
  const provider = providerOf(db);

  return db.$transaction(async (tx) => {
    await lockForWriting(tx, provider);
    const claim = (item: { id: string }, where: object, status: Claim["status"], reason: Claim["reason"]) =>
      conditionalClaim(tx, projectId, item, where, userId, leaseExpiresAt, reason).then((won) => (won ? { itemId: item.id, status, leaseExpiresAt, reason } : null));

    // 1 + 2: work already this user's.
    const mine = await ownWork(tx, projectId, userId, now);
    if (mine) {
      const won = await claim(mine, { id: mine.id, assigneeId: userId, status: mine.status }, mine.status, mine.reason);
      if (won) return won;
    }

    // 3: gold, when its turn has come and a gold item is left for this user.
    const gold = await goldIsDue(tx, projectId, userId);
    const served = async (won: Claim) => {
      if (gold.counting) await countServe(tx, projectId, userId);
      return won;
    };
    if (gold.due) {
      const copy = await serveGoldCopy(tx, projectId, userId, leaseExpiresAt);
      if (copy) return served({ itemId: copy.id, status: "DRAFT", leaseExpiresAt, reason: "new" });
    }

    // 4: the shared pool, oldest first (cuid ids grow with creation time, and the [projectId, status, id]
    // index yields them in order without sorting). Own expired/skipped items are a last resort.
    for (const includeOwn of [false, true]) {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const pool = await tx.item.findMany({
          where: {
            ...(includeOwn
              ? { projectId, status: "DRAFT", assigneeId: userId, leaseExpiresAt: { lt: now } }
              : { projectId, status: "DRAFT", OR: [{ assigneeId: null }, { leaseExpiresAt: { lt: now }, assigneeId: { not: userId } }] }),
            isGold: false,
            goldAttempt: { is: null },
          },
          // Ids only: mapping dates costs Prisma more than the query itself.
          select: { id: true },
          orderBy: { id: "asc" },
          take: CANDIDATE_BATCH,
        });
        if (pool.length === 0) break;
        for (const candidate of tryOrder(pool)) {
          const won = await claim(candidate, { id: candidate.id, ...claimableWhere(now) }, "DRAFT", "new");
          if (won) return served(won);
        }
        if (round === MAX_ROUNDS - 1) throw new ClaimContention();
      }
    }
    return null;
  });
}

type Own = { id: string; status: Claim["status"]; reason: "changes-requested" | "resumed" };

/**
 * The user's returned item, else their held DRAFT (live lease, or admin-assigned without one).
 * The query deliberately leaves projectId and ORDER BY out: then the only usable index is
 * [assigneeId, status], a handful of rows. (With them, SQLite without ANALYZE statistics prefers
 * walking [projectId, status, id] in id order, which scans every DRAFT item: 100 ms at 100k items.)
 */
async function ownWork(tx: Tx, projectId: string, userId: string, now: Date): Promise<Own | null> {
  const select = { id: true, projectId: true, status: true, leaseExpiresAt: true } as const;
  const rows = await tx.item.findMany({ where: { assigneeId: userId, status: { in: ["CHANGES_REQUESTED", "DRAFT"] } }, select, take: OWN_SCAN });
  let candidates = rows.filter((r) => r.projectId === projectId);
  if (rows.length === OWN_SCAN) {
    // A user with hundreds of assigned items: ask for exactly the two rows that matter.
    const where = { projectId, assigneeId: userId };
    const exact = await Promise.all([
      tx.item.findFirst({ where: { ...where, status: "CHANGES_REQUESTED" }, select }),
      tx.item.findFirst({ where: { ...where, status: "DRAFT", OR: [{ leaseExpiresAt: null }, { leaseExpiresAt: { gt: now } }] }, select }),
    ]);
    candidates = exact.flatMap((r) => (r ? [r] : []));
  }
  const first = <T extends { id: string }>(list: T[]) => list.sort((a, b) => (a.id < b.id ? -1 : 1))[0];
  const returned = first(candidates.filter((r) => r.status === "CHANGES_REQUESTED"));
  if (returned) return { id: returned.id, status: "CHANGES_REQUESTED", reason: "changes-requested" };
  const held = first(candidates.filter((r) => r.status === "DRAFT" && (r.leaseExpiresAt === null || r.leaseExpiresAt > now)));
  return held ? { id: held.id, status: "DRAFT", reason: "resumed" } : null;
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
  tx: Tx,
  projectId: string,
  item: { id: string },
  where: object,
  userId: string,
  leaseExpiresAt: Date,
  reason: Claim["reason"],
): Promise<boolean> {
  const { count } = await tx.item.updateMany({ where, data: { assigneeId: userId, leaseExpiresAt } });
  if (count === 0) return false;
  await recordAudit(tx, { actorId: userId, projectId, entity: "Item", entityId: item.id, action: "claim", after: { assigneeId: userId, leaseExpiresAt, reason } });
  return true;
}
