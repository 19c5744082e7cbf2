// "add member" with an unknown email: only roles that may create users learn that no account exists.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/roles";
import { createProject } from "@/lib/projects/projects";
import { createTestDb, type TestDb } from "@/lib/testing/db";
import { addMemberAction } from "@/app/_actions/projects";

describe("add member: unknown emails", () => {
  let t: TestDb;
  const users = {} as Record<"ADMIN" | "RESEARCHER", SessionUser>;
  let projectId: string;
  beforeAll(async () => {
    t = await createTestDb();
    (globalThis as { srtDb?: unknown }).srtDb = t.db;
    for (const role of ["ADMIN", "RESEARCHER"] as const) {
      const row = await t.db.user.create({ data: { email: `${role.toLowerCase()}@members.test`, name: role, role } });
      users[role] = { id: row.id, email: row.email, name: row.name, role };
    }
    projectId = (await createProject(t.db, users.RESEARCHER, { slug: "members", name: "Members" })).id;
  });
  afterAll(async () => {
    delete (globalThis as { srtDb?: unknown }).srtDb;
    await t?.drop();
  });

  it("tells an admin there is no account, and a researcher only that it could not be added", async () => {
    const asAdmin = await addMemberAction.run(users.ADMIN, { projectId, email: "nobody@members.test" });
    expect(asAdmin).toMatchObject({ ok: false, status: 404, error: 'No account "nobody@members.test".' });
    const asResearcher = await addMemberAction.run(users.RESEARCHER, { projectId, email: "nobody@members.test" });
    expect(asResearcher).toMatchObject({ ok: false, status: 400 });
    expect((asResearcher as { error: string }).error).not.toMatch(/no account|no such/i);
    expect((asResearcher as { error: string }).error).toMatch(/^Could not add this address/);
  });
});
