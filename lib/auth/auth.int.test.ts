import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../testing/db";
import { authenticate, loadSessionUser } from "./credentials";
import { RateLimitedError } from "./errors";
import { MAX_FAILURES } from "./rate-limit";
import { createApiToken, revokeApiToken, verifyApiToken } from "./tokens";
import { createUser, ensureAdmin, updateUser } from "./users";

describe(`accounts (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => t?.drop());

  it("creates the first admin once, from the environment or with a generated password", async () => {
    const first = await ensureAdmin(t.db, { ADMIN_EMAIL: "Root@Lab.org" });
    expect(first).toMatchObject({ email: "root@lab.org", generated: true });
    expect(first!.password.length).toBeGreaterThanOrEqual(12);
    expect(await authenticate(t.db, { email: "root@lab.org", password: first!.password })).toMatchObject({ role: "ADMIN" });
    expect(await ensureAdmin(t.db, { ADMIN_EMAIL: "other@lab.org", ADMIN_PASSWORD: "whatever-123" })).toBeNull();
  });

  it("stores only password hashes and refuses duplicate emails with a clear error", async () => {
    await createUser(t.db, null, { email: "ann@lab.org", name: "Ann", role: "ANNOTATOR", password: "plain-secret-1" });
    const row = await t.db.user.findUniqueOrThrow({ where: { email: "ann@lab.org" } });
    expect(row.passwordHash).not.toContain("plain-secret-1");
    expect(row.passwordHash).toMatch(/^\$2[aby]\$/);
    await expect(createUser(t.db, null, { email: "ANN@lab.org", name: "A", role: "ANNOTATOR", password: "xxxxxxxx" })).rejects.toMatchObject({
      code: "CONFLICT",
      field: "email",
      message: "ann@lab.org already has an account.",
    });
    const audit = await t.db.auditEvent.findFirst({ where: { entity: "User", entityId: row.id } });
    expect(JSON.stringify(audit?.after)).not.toContain("passwordHash");
  });

  it("signs in with the right password only, and not when disabled", async () => {
    expect(await authenticate(t.db, { email: "ann@lab.org", password: "wrong-one" }, "10.0.0.1")).toBeNull();
    const ok = await authenticate(t.db, { email: " ANN@lab.org ", password: "plain-secret-1" }, "10.0.0.1");
    expect(ok).toMatchObject({ email: "ann@lab.org", role: "ANNOTATOR" });
    await updateUser(t.db, null, { userId: ok!.id, disabled: true });
    expect(await authenticate(t.db, { email: "ann@lab.org", password: "plain-secret-1" })).toBeNull();
    expect(await loadSessionUser(t.db, ok!.id)).toBeNull();
    await updateUser(t.db, null, { userId: ok!.id, disabled: false, role: "REVIEWER" });
    expect(await loadSessionUser(t.db, ok!.id)).toMatchObject({ role: "REVIEWER" });
  });

  it(`locks an email after ${MAX_FAILURES} failures in a minute, even with the right password`, async () => {
    await createUser(t.db, null, { email: "bob@lab.org", name: "Bob", role: "ANNOTATOR", password: "bobs-password" });
    for (let i = 0; i < MAX_FAILURES; i++) {
      expect(await authenticate(t.db, { email: "bob@lab.org", password: `guess-${i}` }, `10.1.0.${i}`)).toBeNull();
    }
    await expect(authenticate(t.db, { email: "bob@lab.org", password: "bobs-password" }, "10.9.9.9")).rejects.toBeInstanceOf(RateLimitedError);
    // Another account from the same addresses is unaffected: the address limit counts per address.
    expect(await authenticate(t.db, { email: "root@lab.org", password: "nope" }, "10.1.0.1")).toBeNull();
  });

  it("locks an address that tries many emails", async () => {
    for (let i = 0; i < MAX_FAILURES; i++) await authenticate(t.db, { email: `nobody${i}@lab.org`, password: "x" }, "10.7.7.7");
    await expect(authenticate(t.db, { email: "fresh@lab.org", password: "x" }, "10.7.7.7")).rejects.toThrow(/Too many failed sign-in attempts/);
  });

  it("API tokens: shown once, stored hashed, revocable, last use recorded", async () => {
    const user = (await loadSessionUser(t.db, (await t.db.user.findUniqueOrThrow({ where: { email: "root@lab.org" } })).id))!;
    const created = await createApiToken(t.db, user, { name: "cluster" });
    expect(created.token).toMatch(/^srt_[A-Za-z0-9_-]{40,}$/);
    const row = await t.db.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.tokenHash).not.toContain(created.token.slice(4));
    expect(row.lastUsedAt).toBeNull();
    expect(await verifyApiToken(t.db, created.token)).toMatchObject({ id: user.id, role: "ADMIN" });
    expect((await t.db.apiToken.findUniqueOrThrow({ where: { id: created.id } })).lastUsedAt).not.toBeNull();
    expect(await verifyApiToken(t.db, created.token + "x")).toBeNull();
    await revokeApiToken(t.db, user, created.id);
    expect(await verifyApiToken(t.db, created.token)).toBeNull();
  });
});
