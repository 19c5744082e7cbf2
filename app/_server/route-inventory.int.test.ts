// The route inventory: every write handler (POST, PUT, PATCH, DELETE) of every app/**/route.ts declares
// its body (media types + byte limit) and refuses, before reading anything, a browser write from another
// origin (403), a content type it does not take (415) and a body over its limit (413). A new route that
// is not made with defineRoute, or forgets its body rule, fails here.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BodyRule } from "@/lib/api/request-checks";
import { createTestDb, type TestDb } from "@/lib/testing/db";

type Handler = ((request: Request, context: unknown) => Promise<Response>) & { permission?: string; body?: BodyRule };

const routeModules = import.meta.glob<Record<string, Handler>>("/app/**/route.ts");
const WRITE_METHODS = ["POST", "PUT", "PATCH", "DELETE"];
/** Routes not made with defineRoute, each checked by its own wrapper with the same helpers. */
const OWN_WRAPPER = ["/app/api/auth/[...nextauth]/route.ts"];
const HOST = "srt.test:3000";
const context = { params: Promise.resolve(new Proxy({}, { get: () => ["callback", "credentials"] })) };

function writeRequest(method: string, headers: Record<string, string>, body?: BodyInit) {
  return new Request(`http://${HOST}/x`, { method, headers: { host: HOST, cookie: "next-auth.session-token=forged", ...headers }, body });
}

const limitOf = (rule: BodyRule) => (typeof rule.maxBytes === "function" ? rule.maxBytes() : rule.maxBytes);

describe("route inventory: every write is origin-checked and body-limited", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    (globalThis as { srtDb?: unknown }).srtDb = t.db;
  });
  afterAll(async () => {
    delete (globalThis as { srtDb?: unknown }).srtDb;
    await t?.drop();
  });

  it("finds the write routes", () => {
    expect(Object.keys(routeModules).length).toBeGreaterThan(10);
  });

  for (const [file, load] of Object.entries(routeModules)) {
    it(`${file}`, async () => {
      const mod = await load();
      for (const method of WRITE_METHODS.filter((m) => typeof mod[m] === "function")) {
        const handler = mod[method];
        const where = `${method} ${file}`;
        if (!OWN_WRAPPER.includes(file)) expect(handler.permission, `${where} must be made with defineRoute()`).toBeTruthy();
        expect(handler.body, `${where} must declare its body: defineRoute(…, { body: bodyRules.… })`).toBeDefined();
        const rule = handler.body!;
        const type = rule.types[0] ?? "";
        const typed: Record<string, string> = type ? { "content-type": type === "multipart/form-data" ? `${type}; boundary=x` : type } : {};

        const foreign = await handler(writeRequest(method, { origin: "https://evil.example", ...typed }), context);
        expect(foreign.status, `${where} from another origin`).toBe(403);
        const otherPort = await handler(writeRequest(method, { origin: "http://srt.test:3001", "sec-fetch-site": "same-site" }), context);
        expect(otherPort.status, `${where} from another port of the site`).toBe(403);
        const noOrigin = await handler(writeRequest(method, {}), context);
        expect(noOrigin.status, `${where} with a cookie and no Origin`).toBe(403);

        const sameOrigin = { origin: `http://${HOST}`, "sec-fetch-site": "same-origin" };
        const tooLarge = await handler(writeRequest(method, { ...sameOrigin, ...typed, "content-length": String(limitOf(rule) + 1) }), context);
        expect(tooLarge.status, `${where} over its ${limitOf(rule)}-byte limit`).toBe(413);
        const wrongType = await handler(writeRequest(method, { ...sameOrigin, "content-type": "text/x-unexpected" }, "x"), context);
        expect(wrongType.status, `${where} with a content type it does not take`).toBe(415);
        if (rule.types.includes("application/json") && !rule.types.includes("text/plain")) {
          const simple = await handler(writeRequest(method, { ...sameOrigin, "content-type": "text/plain" }, "{}"), context);
          expect(simple.status, `${where} JSON endpoint sent text/plain (a no-cors request)`).toBe(415);
        }
        if (!OWN_WRAPPER.includes(file)) {
          const passes = await handler(writeRequest(method, { ...sameOrigin, ...typed }), context);
          expect(passes.status, `${where} same-origin with a forged cookie reaches authentication`).toBe(401);
        }
      }
    });
  }
});
