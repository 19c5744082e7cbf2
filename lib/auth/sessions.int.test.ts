// Sessions that can be ended: a session records the user's sessionVersion; signing out everywhere, an
// admin ending sessions, a password or role change, or disabling bumps it, and the old session is gone
// (it does not come back when the account is re-enabled). A new password also revokes API tokens.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../testing/db";
import { loadSessionUser } from "./credentials";
import { assertLoginAllowed, lockedOutEmails, loginKeys, MAX_FAILURES, recordLoginFailure, unlockLogin } from "./rate-limit";
import { currentSessionVersion, endSessions } from "./sessions";
import { createApiToken, verifyApiToken } from "./tokens";
import { createUser, updateUser } from "./users";

describe(`sessions (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => {
    await t?.drop();
  });

  const newUser = (email: string) => createUser(t.db, null, { email, name: email, role: "ANNOTATOR", password: "session-password-1" });

  it("a copied session ends with sign-out-everywhere, an admin's end sessions, a password or role change, and disabling", async () => {
    const admin = await createUser(t.db, null, { email: "boss@sessions.test", name: "Boss", role: "ADMIN", password: "session-password-1" });
    const user = await newUser("ann@sessions.test");
    const changes: [string, () => Promise<unknown>][] = [
      ["sign out everywhere", () => endSessions(t.db, user.id, user.id, "sign-out-everywhere")],
      ["admin ends sessions", () => endSessions(t.db, admin.id, user.id, "ended-by-admin")],
      ["password change", () => updateUser(t.db, admin.id, { userId: user.id, password: "a-new-password-2" })],
      ["role change", () => updateUser(t.db, admin.id, { userId: user.id, role: "REVIEWER" })],
    ];
    for (const [what, change] of changes) {
      const version = await currentSessionVersion(t.db, user.id);
      expect(await loadSessionUser(t.db, user.id, version), `before ${what}`).not.toBeNull();
      await change();
      expect(await loadSessionUser(t.db, user.id, version), `after ${what}`).toBeNull();
      expect(await loadSessionUser(t.db, user.id, await currentSessionVersion(t.db, user.id)), `a new session after ${what}`).not.toBeNull();
    }
    // Disabled, then enabled again: the old session stays dead.
    const version = await currentSessionVersion(t.db, user.id);
    await updateUser(t.db, admin.id, { userId: user.id, disabled: true });
    await updateUser(t.db, admin.id, { userId: user.id, disabled: false });
    expect(await loadSessionUser(t.db, user.id, version)).toBeNull();
    const audit = await t.db.auditEvent.findMany({ where: { entity: "User", entityId: user.id, action: "end-sessions" } });
    expect(audit).toHaveLength(2);
  });

  it("a new password revokes the API tokens made before it; a role change does not", async () => {
    const user = await newUser("tok@sessions.test");
    const session = { id: user.id, email: user.email, name: user.name, role: user.role };
    const { token } = await createApiToken(t.db, session, { name: "script" });
    await updateUser(t.db, null, { userId: user.id, role: "REVIEWER" });
    expect(await verifyApiToken(t.db, token)).not.toBeNull();
    await updateUser(t.db, null, { userId: user.id, password: "another-password-3" });
    expect(await verifyApiToken(t.db, token)).toBeNull();
  });

  it("an admin unlocks a locked-out sign-in, audited", async () => {
    const user = await newUser("locked@sessions.test");
    const keys = loginKeys(user.email, null);
    for (let i = 0; i < MAX_FAILURES; i++) await recordLoginFailure(t.db, keys);
    await expect(assertLoginAllowed(t.db, keys)).rejects.toMatchObject({ status: 429 });
    expect((await lockedOutEmails(t.db)).has(user.email)).toBe(true);
    const admin = await t.db.user.findFirstOrThrow({ where: { role: "ADMIN" } });
    await unlockLogin(t.db, admin.id, user);
    await expect(assertLoginAllowed(t.db, keys)).resolves.toBeUndefined();
    expect(await t.db.auditEvent.count({ where: { entityId: user.id, action: "unlock-sign-in", actorId: admin.id } })).toBe(1);
  });
});
