// The work queue. An annotator asks for the next item; they get, in this order:
//   1. an item of theirs that a reviewer sent back (CHANGES_REQUESTED),
//   2. their own DRAFT item still held (live lease, or assigned to them by an admin),
//   3. the oldest DRAFT item nobody holds (unassigned or lease expired), except items they
//      skipped themselves, which come back to them only when nothing else is left — or, when the
//      project serves gold (goldEvery = N), every N-th time a fresh blind copy of a gold item
//      (lib/quality/gold.ts). Gold items and gold copies are never in the shared pool.
//
// The common claim (own work, or the shared pool of a project without gold) is one statement on PostgreSQL
// and one transaction of two statements on SQLite (lib/queue/claim-sql.ts oneStepClaim): the pick chooses
// the item inside the statement and writes the claim's audit event naming it, the take takes that item
// (on SQLite run on the connection directly when no Prisma transaction is open on it). Two claimers can
// never both win an item (SQLite: one writer at a time; PostgreSQL: FOR UPDATE SKIP LOCKED). Only when it
// finds nothing — the pool is empty, or the project serves gold — does the claim take the long way: a
// transaction of single-statement claims (UPDATE … RETURNING) with the gold schedule in between. Each
// first statement writes, so on SQLite a transaction holds the write lock before it reads anything.
import { recordAudit } from "../audit/record";
import type { Db } from "../db/client";
import { providerOf } from "../db/provider";
import { runOnSqliteNow } from "../db/sqlite-now";
import { countServe, goldIsDue, serveGoldCopy } from "../quality/gold";
import type { WorkStatus } from "../items/status";
import { claimedRow, claimFromPool, claimOwnWork, oneStepClaim, type ClaimTarget } from "./claim-sql";
import { claimInputSchema, type ClaimInput } from "./schemas";

export interface Claim {
  itemId: string;
  status: WorkStatus;
  leaseExpiresAt: Date;
  reason: "changes-requested" | "resumed" | "new";
}

export async function claimNextItem(db: Db, input: ClaimInput): Promise<Claim | null> {
  const { projectId, userId, leaseMs, now = new Date() } = claimInputSchema.parse(input);
  const leaseExpiresAt = new Date(now.getTime() + leaseMs);
  const provider = providerOf(db);
  const target = { projectId, userId, now, leaseExpiresAt };

  const { audit, take, single } = oneStepClaim(provider, target);
  // PostgreSQL: one statement. SQLite: the two statements run on the connection at once when it is free
  // (lib/db/sqlite-now.ts), as Prisma's request pipeline cost several times the statements themselves;
  // else as one Prisma batch.
  const direct = provider === "sqlite" ? runOnSqliteNow(db, [audit.insert, take]) : null;
  const rows = single
    ? await db.$queryRaw<Record<string, unknown>[]>(single)
    : direct
      ? direct[1]
      : (await db.$transaction([db.$executeRaw(audit.insert), db.$queryRaw<Record<string, unknown>[]>(take)]))[1];
  const quick = claimedRow(rows[0] as { id: string; status: unknown; reason: unknown } | undefined);
  if (quick) return { itemId: quick.id, status: quick.status as WorkStatus, leaseExpiresAt, reason: quick.reason };
  return claimTheLongWay(db, target);
}

/** Own work, else gold when it is due, else the pool: for projects that serve gold, and an empty pool. */
async function claimTheLongWay(db: Db, target: ClaimTarget): Promise<Claim | null> {
  const { projectId, userId, leaseExpiresAt } = target;
  const provider = providerOf(db);
  return db.$transaction(async (tx) => {
    // 1 + 2: work already this user's (sent back to them, or held).
    const own = await claimOwnWork(tx, provider, target);
    const claimed = async (itemId: string, status: WorkStatus, reason: Claim["reason"]): Promise<Claim> => {
      await recordAudit(tx, { actorId: userId, projectId, entity: "Item", entityId: itemId, action: "claim", after: { assigneeId: userId, leaseExpiresAt, reason } });
      return { itemId, status, leaseExpiresAt, reason };
    };
    if (own) return own.status === "CHANGES_REQUESTED" ? claimed(own.id, "CHANGES_REQUESTED", "changes-requested") : claimed(own.id, "DRAFT", "resumed");

    // Most projects serve no gold: then the pool's statement is the whole rest of the claim.
    const plain = await claimFromPool(tx, provider, target, true);
    if (plain) return claimed(plain, "DRAFT", "new");

    // 3: gold, when its turn has come and a gold item is left for this user.
    const gold = await goldIsDue(tx, projectId, userId);
    if (!gold.counting) return null; // no gold, and the pool was empty
    const served = async (won: Claim) => {
      if (gold.counting) await countServe(tx, projectId, userId);
      return won;
    };
    if (gold.due) {
      const copy = await serveGoldCopy(tx, projectId, userId, leaseExpiresAt);
      if (copy) return served({ itemId: copy.id, status: "DRAFT", leaseExpiresAt, reason: "new" });
    }

    // 4: the shared pool, oldest first; own skipped items last.
    const itemId = await claimFromPool(tx, provider, target);
    return itemId ? served(await claimed(itemId, "DRAFT", "new")) : null;
  });
}
