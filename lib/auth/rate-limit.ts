import type { Db } from "../db/client";
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
