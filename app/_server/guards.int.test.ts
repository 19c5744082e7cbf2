// Every route handler and every server action, called without a session (401) and with a role that
// lacks its permission (403). New routes and actions are picked up automatically by the globs below.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PERMISSIONS, ROLES, type RoleName, type SessionUser } from "@/lib/auth/roles";
import { createApiToken } from "@/lib/auth/tokens";
import { createTestDb, type TestDb } from "@/lib/testing/db";

type Guarded = ((...args: never[]) => unknown) & { permission?: string; run?: (u: SessionUser | null, i: unknown) => Promise<{ ok: boolean; status?: number }> };

const routeModules = import.meta.glob<Record<string, Guarded>>("/app/**/route.ts");
const actionModules = import.meta.glob<Record<string, Guarded>>("/app/_actions/*.ts");
// next-auth's own endpoints are public by design (sign-in, CSRF, session).
const PUBLIC_ROUTES = ["/app/api/auth/[...nextauth]/route.ts", "/app/api/health/route.ts", "/app/api/v1/openapi.json/route.ts"];
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/** A role that lacks the permission, if any role does (ADMIN has every permission). */
function roleWithout(permission: string): RoleName | undefined {
  if (permission === "signedIn") return undefined;
  const allowed = PERMISSIONS[permission as keyof typeof PERMISSIONS] as readonly string[];
  return ROLES.find((r) => r !== "ADMIN" && !allowed.includes(r));
}

describe("server-side guards", () => {
  let t: TestDb;
  const tokens = new Map<RoleName, string>();
  const users = new Map<RoleName, SessionUser>();

  beforeAll(async () => {
    t = await createTestDb();
    process.env.DATABASE_URL = t.config.provider === "sqlite" ? `file:${t.config.file}` : t.config.url;
    (globalThis as { srtDb?: unknown }).srtDb = t.db;
    for (const role of ROLES) {
      const row = await t.db.user.create({ data: { email: `${role.toLowerCase()}@guard.test`, name: role, role } });
      const user = { id: row.id, email: row.email, name: row.name, role };
      users.set(role, user);
      tokens.set(role, (await createApiToken(t.db, user, { name: "guard test" })).token);
    }
  });
  afterAll(async () => {
    delete (globalThis as { srtDb?: unknown }).srtDb;
    await t?.drop();
  });

  it("finds the app's routes and actions", () => {
    expect(Object.keys(actionModules).length).toBeGreaterThan(0);
  });

  for (const [file, load] of Object.entries(routeModules)) {
    if (PUBLIC_ROUTES.includes(file)) continue;
    it(`${file}: 401 without credentials, 403 for a role without the permission`, async () => {
      const mod = await load();
      const handlers = METHODS.filter((m) => typeof mod[m] === "function");
      expect(handlers.length, `${file} exports no handler`).toBeGreaterThan(0);
      for (const method of handlers) {
        const handler = mod[method] as unknown as Guarded & ((r: Request, c: unknown) => Promise<Response>);
        expect(handler.permission, `${file} ${method} must be made with defineRoute()`).toBeTruthy();
        const context = { params: Promise.resolve(new Proxy({}, { get: () => "x" })) };
        const anonymous = await handler(new Request(`http://test.local/x`, { method }), context);
        expect(anonymous.status, `${method} ${file} anonymous`).toBe(401);
        const role = roleWithout(handler.permission!);
        if (!role) continue;
        const request = new Request(`http://test.local/x`, { method, headers: { authorization: `Bearer ${tokens.get(role)}` } });
        const wrongRole = await handler(request, context);
        expect(wrongRole.status, `${method} ${file} as ${role}`).toBe(403);
      }
    });
  }

  for (const [file, load] of Object.entries(actionModules)) {
    it(`${file}: every action refuses anonymous callers (401) and wrong roles (403)`, async () => {
      const mod = await load();
      for (const [name, action] of Object.entries(mod)) {
        expect(action.run, `${file} ${name} must be made with defineAction()`).toBeTypeOf("function");
        const anonymous = await action.run!(null, {});
        expect(anonymous, `${name} anonymous`).toMatchObject({ ok: false, status: 401 });
        const role = roleWithout(action.permission!);
        if (!role) continue;
        const wrongRole = await action.run!(users.get(role)!, {});
        expect(wrongRole, `${name} as ${role}`).toMatchObject({ ok: false, status: 403 });
      }
    });
  }
});
