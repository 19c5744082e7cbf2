import type { Db } from "../db/client";
import { verifyPassword } from "./password";
import { assertLoginAllowed, loginKeys, recordLoginFailure } from "./rate-limit";
import type { SessionUser } from "./roles";
import { credentialsSchema } from "./schemas";

/**
 * Checks an email and password. Returns the user, or null for a wrong password, an unknown email or a
 * disabled account (the same answer for all three). Throws RateLimitedError past the failure limit.
 */
export async function authenticate(
  db: Db,
  input: { email?: unknown; password?: unknown },
  ip?: string | null,
): Promise<SessionUser | null> {
  const parsed = credentialsSchema.safeParse(input);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const keys = loginKeys(email, ip);
  await assertLoginAllowed(db, keys);
  const user = await db.user.findUnique({ where: { email } });
  const ok = await verifyPassword(password, user?.passwordHash);
  if (!user || !ok || user.disabled) {
    await recordLoginFailure(db, keys);
    return null;
  }
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

/**
 * The session's user as it is now in the database: null when deleted or disabled, or when the session
 * was made before the user's sessions were ended (its `sessionVersion` is not the user's any more;
 * a session from before versions existed counts as version 0).
 */
export async function loadSessionUser(db: Db, userId: string | undefined | null, sessionVersion?: unknown): Promise<SessionUser | null> {
  if (!userId) return null;
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true, disabled: true, sessionVersion: true },
  });
  if (!user || user.disabled) return null;
  if (sessionVersion !== undefined && Number(sessionVersion ?? 0) !== user.sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
