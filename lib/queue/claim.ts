// The work queue. An annotator asks for the next item; they get, in this order:
//   1. an item of theirs that a reviewer sent back (CHANGES_REQUESTED),
//   2. their own DRAFT item still held (live lease, or assigned to them by an admin),
//   3. the oldest DRAFT item nobody holds (unassigned or lease expired), except items they
//      skipped themselves, which come back to them only when nothing else is left — or, when the
//      project serves gold (goldEvery = N), every N-th time a fresh blind copy of a gold item
//      (lib/quality/gold.ts). Gold items and gold copies are never in the shared pool.
//
// The claim, gold included, is one statement on PostgreSQL and one transaction of a few statements run back
// to back on SQLite (lib/queue/claim-sql.ts oneStepClaim): the pick chooses the item — or the gold item to
// copy — inside the statement that writes the claim's audit event, and the next statements make the gold
// copy, take the item and count the serve (on SQLite run on the connection directly when no Prisma
// transaction is open on it). Two claimers can never both win an item (SQLite: one writer at a time;
// PostgreSQL: FOR UPDATE SKIP LOCKED). The first statement writes, so on SQLite the transaction holds the
// write lock before it reads anything.
import type { Db } from "../db/client";
import { providerOf } from "../db/provider";
import { runOnSqliteNow } from "../db/sqlite-now";
import type { WorkStatus } from "../items/status";
import { claimedRow, oneStepClaim, SQLITE_TAKE } from "./claim-sql";
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
  const claim = oneStepClaim(providerOf(db), { projectId, userId, now, leaseExpiresAt });
  let rows: Record<string, unknown>[];
  if (claim.single) rows = await db.$queryRaw<Record<string, unknown>[]>(claim.single);
  else {
    // SQLite: the statements run on the connection at once when it is free (lib/db/sqlite-now.ts), as
    // Prisma's request pipeline cost several times the statements themselves; else as one Prisma batch.
    const batch = () => db.$transaction(claim.sqlite.map((sql, i) => (i === SQLITE_TAKE ? db.$queryRaw<Record<string, unknown>[]>(sql) : db.$executeRaw(sql))));
    rows = ((runOnSqliteNow(db, claim.sqlite) ?? (await batch())) as unknown[])[SQLITE_TAKE] as Record<string, unknown>[];
  }
  const won = claimedRow(rows[0] as { id: string; status: unknown; reason: unknown } | undefined);
  return won ? { itemId: won.id, status: won.status as WorkStatus, leaseExpiresAt, reason: won.reason } : null;
}
