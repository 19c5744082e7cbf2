// The model endpoint routes with real tokens and a real database: roles, body limits, PATCH changing only
// what is sent, and the API key never in any answer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorSchema, RESPONSE_SCHEMAS } from "@/lib/api/schemas";
import type { SessionUser } from "@/lib/auth/roles";
import { createApiToken } from "@/lib/auth/tokens";
import { loadEndpointConfig } from "@/lib/models/endpoints";
import { createTestDb, type TestDb } from "@/lib/testing/db";
import { GET as list, POST as create } from "./route";
import { DELETE as remove, GET as read, PATCH as patch } from "./[id]/route";

type Who = "researcher" | "annotator";
const BASE = "http://test.local/api/v1/models/endpoints";
const SECRET = "sk-route-secret-123";

describe(`REST model endpoints (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  const tokens = {} as Record<Who, string>;
  const g = globalThis as { srtDb?: unknown };

  beforeAll(async () => {
    t = await createTestDb();
    g.srtDb = t.db;
    for (const [who, role] of [["researcher", "RESEARCHER"], ["annotator", "ANNOTATOR"]] as const) {
      const row = await t.db.user.create({ data: { email: `${who}@models.test`, name: who, role } });
      const user: SessionUser = { id: row.id, email: row.email, name: row.name, role };
      tokens[who] = (await createApiToken(t.db, user, { name: "models test" })).token;
    }
  });
  afterAll(async () => {
    delete g.srtDb;
    await t?.drop();
  });

  const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });
  const req = (who: Who, url: string, init: RequestInit = {}) =>
    new Request(`${BASE}${url}`, { ...init, headers: { authorization: `Bearer ${tokens[who]}`, ...(init.body ? { "content-type": "application/json" } : {}) } });

  it("creates, reads, patches and deletes an endpoint without ever answering its key", async () => {
    const created = await create(req("researcher", "", { method: "POST", body: JSON.stringify({ name: "vllm", baseUrl: "http://127.0.0.1:9/v1", model: "qwen", apiKey: SECRET, temperature: 0.5 }) }), ctx({}));
    expect(created.status).toBe(201);
    const text = await created.text();
    expect(text).not.toContain(SECRET);
    const { endpoint } = RESPONSE_SCHEMAS.ModelEndpointResult.parse(JSON.parse(text));
    expect(endpoint).toMatchObject({ name: "vllm", hasApiKey: true, temperature: 0.5 });

    const patched = await patch(req("researcher", `/${endpoint.id}`, { method: "PATCH", body: JSON.stringify({ maxConcurrent: 9 }) }), ctx({ id: endpoint.id }));
    const patchedText = await patched.text();
    expect(patchedText).not.toContain(SECRET);
    // Only what was sent changes.
    expect(RESPONSE_SCHEMAS.ModelEndpointResult.parse(JSON.parse(patchedText)).endpoint).toMatchObject({ maxConcurrent: 9, temperature: 0.5, hasApiKey: true });
    expect((await loadEndpointConfig(t.db, endpoint.id)).apiKey).toBe(SECRET);

    for (const response of [await list(req("researcher", ""), ctx({})), await read(req("researcher", `/${endpoint.id}`), ctx({ id: endpoint.id }))]) {
      expect(response.status).toBe(200);
      expect(await response.text()).not.toContain(SECRET);
    }
    expect((await remove(req("researcher", `/${endpoint.id}`, { method: "DELETE" }), ctx({ id: endpoint.id }))).status).toBe(204);
    expect((await read(req("researcher", `/${endpoint.id}`), ctx({ id: endpoint.id }))).status).toBe(404);
  });

  it("refuses annotators, names bad fields, and refuses a body over its limit", async () => {
    expect((await list(req("annotator", ""), ctx({}))).status).toBe(403);
    const bad = await create(req("researcher", "", { method: "POST", body: JSON.stringify({ name: "x", baseUrl: "ftp://nope", model: "m" }) }), ctx({}));
    expect(bad.status).toBe(400);
    expect(errorSchema.parse(await bad.json()).issues).toEqual([expect.objectContaining({ field: "baseUrl" })]);
    const huge = await create(req("researcher", "", { method: "POST", body: JSON.stringify({ name: "x", baseUrl: "http://a/v1", model: "m", systemPrompt: "x".repeat(20_000) }) }), ctx({}));
    expect(huge.status).toBe(413);
  });
});
