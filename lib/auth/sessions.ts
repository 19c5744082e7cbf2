// Ending sessions. A session (next-auth's signed JWT cookie) records the user's sessionVersion when it
// is created; loadSessionUser refuses a session whose version is no longer the user's. Bumping the
// version therefore ends every session of the user at once, on their next request. API tokens are
// separate: they end when revoked, when the password changes, or while the account is disabled.
import { recordAudit } from "../audit/record";
import type { Db } from "../db/client";
import { lockForWriting, providerOf } from "../db/provider";
import { NotFoundError } from "../errors";

export type SessionEndReason = "sign-out-everywhere" | "ended-by-admin";

/** Ends every session of `userId` (the actor's own, for "Sign out everywhere"); audited. */
export async function endSessions(db: Db, actorId: string | null, userId: string, reason: SessionEndReason): Promise<void> {
  await db.$transaction(async (tx) => {
    await lockForWriting(tx, providerOf(db));
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, sessionVersion: true } });
    if (!user) throw new NotFoundError("user", userId);
    await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
    await recordAudit(tx, {
      actorId,
      entity: "User",
      entityId: userId,
      action: "end-sessions",
      before: { sessionVersion: user.sessionVersion },
      after: { sessionVersion: user.sessionVersion + 1, reason },
    });
  });
}

/** The version a new session records (read at sign-in). */
export async function currentSessionVersion(db: Pick<Db, "user">, userId: string): Promise<number | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { sessionVersion: true } });
  return user?.sessionVersion ?? null;
}
