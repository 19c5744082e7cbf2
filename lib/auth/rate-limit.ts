import { recordAudit } from "../audit/record";
import type { Db } from "../db/client";
import { lockForWriting, providerOf } from "../db/provider";
import { RateLimitedError } from "./errors";

// More than MAX_FAILURES failed sign-ins within WINDOW_MS for one email or one address → 429.
export const MAX_FAILURES = 10;
export const WINDOW_MS = 60_000;

export function loginKeys(email: string, ip: string | null | undefined): string[] {
  return [`email:${email.toLowerCase()}`, ...(ip ? [`ip:${ip}`] : [])];
}

/** Throws RateLimitedError when any key already has MAX_FAILURES failures in the window. */
export async function assertLoginAllowed(db: Db, keys: string[], now = new Date()) {
  const since = new Date(now.getTime() - WINDOW_MS);
  const rows = await db.loginFailure.groupBy({
    by: ["key"],
    where: { key: { in: keys }, at: { gt: since } },
    _count: { _all: true },
    _min: { at: true },
  });
  const blocked = rows.find((r) => r._count._all >= MAX_FAILURES);
  if (blocked) {
    const oldest = blocked._min.at ?? now;
    throw new RateLimitedError(Math.max(1, Math.ceil((oldest.getTime() + WINDOW_MS - now.getTime()) / 1000)));
  }
}

export async function recordLoginFailure(db: Db, keys: string[], now = new Date()) {
  await db.$transaction([
    db.loginFailure.createMany({ data: keys.map((key) => ({ key, at: now })) }),
    // Old rows are useless; trimming here keeps the table tiny without a scheduler.
    db.loginFailure.deleteMany({ where: { at: { lt: new Date(now.getTime() - 10 * WINDOW_MS) } } }),
  ]);
}

/** Emails whose sign-in is locked now (MAX_FAILURES failures within the window), for the users page. */
export async function lockedOutEmails(db: Db, now = new Date()): Promise<Set<string>> {
  const rows = await db.loginFailure.groupBy({
    by: ["key"],
    where: { key: { startsWith: "email:" }, at: { gt: new Date(now.getTime() - WINDOW_MS) } },
    _count: { _all: true },
  });
  return new Set(rows.filter((r) => r._count._all >= MAX_FAILURES).map((r) => r.key.slice("email:".length)));
}

/** An admin lifts the sign-in lock of an email (its failures are forgotten); audited. */
export async function unlockLogin(db: Db, actorId: string, user: { id: string; email: string }): Promise<number> {
  return db.$transaction(async (tx) => {
    await lockForWriting(tx, providerOf(db));
    const { count } = await tx.loginFailure.deleteMany({ where: { key: `email:${user.email.toLowerCase()}` } });
    await recordAudit(tx, { actorId, entity: "User", entityId: user.id, action: "unlock-sign-in", after: { failuresCleared: count } });
    return count;
  });
}
