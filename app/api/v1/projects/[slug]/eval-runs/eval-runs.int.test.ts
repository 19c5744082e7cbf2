// The evaluation runs API against a real database: roles and membership, field-named errors, the list.
// (Runs themselves — the job, resume, metrics — are tested in lib/eval/run-job.int.test.ts.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/roles";
import { createTokenUsers } from "@/lib/auth/test-fixtures";
import { createProjectWithAsset } from "@/lib/items/test-fixtures";
import { createAppTestDb, type TestDb } from "@/lib/testing/db";
import { GET as getRun } from "./[id]/route";
import { GET, POST } from "./route";

type Who = "researcher" | "annotator" | "stranger";

describe(`evaluation runs API (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  let slug: string;
  let tokens: Record<Who, string>;

  beforeAll(async () => {
    t = await createAppTestDb();
    const { project } = await createProjectWithAsset(t.db);
    slug = project.slug;
    const roles: Record<Who, SessionUser["role"]> = { researcher: "RESEARCHER", annotator: "ANNOTATOR", stranger: "RESEARCHER" };
    ({ tokens } = await createTokenUsers(t.db, roles, { domain: "eval.test", projectOf: (who) => (who === "stranger" ? null : project.id) }));
    await t.db.modelEndpoint.create({ data: { name: "not-enabled", baseUrl: "http://127.0.0.1:9/v1", model: "m" } });
  });
  afterAll(async () => {
    await t?.drop();
  });

  const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });
  const req = (who: Who, url: string, body?: unknown) =>
    new Request(`http://test.local${url}`, {
      method: body === undefined ? "GET" : "POST",
      headers: { authorization: `Bearer ${tokens[who]}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it("lists a project's runs for researchers; annotators and non-members get 403", async () => {
    const ok = await GET(req("researcher", `/api/v1/projects/${slug}/eval-runs`), ctx({ slug }));
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ runs: [] });
    expect((await GET(req("annotator", `/api/v1/projects/${slug}/eval-runs`), ctx({ slug }))).status).toBe(403);
    expect((await GET(req("stranger", `/api/v1/projects/${slug}/eval-runs`), ctx({ slug }))).status).toBe(403);
  });

  it("refuses a run with a bad body, an unknown endpoint or one not enabled for the project, naming the field", async () => {
    const url = `/api/v1/projects/${slug}/eval-runs`;
    const bad = await POST(req("researcher", url, { endpoint: "x", name: "", conditions: ["SOUND"] }), ctx({ slug }));
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toMatch(/name|conditions/);
    const unknown = await POST(req("researcher", url, { endpoint: "nope", name: "base" }), ctx({ slug }));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ code: "NOT_FOUND", issues: [{ field: "endpoint" }] });
    const disabled = await POST(req("researcher", url, { endpoint: "not-enabled", name: "base" }), ctx({ slug }));
    expect(disabled.status).toBe(400);
    expect(await disabled.json()).toMatchObject({ issues: [{ field: "endpoint", message: expect.stringContaining("not enabled") }] });
    const noRound = await POST(req("researcher", url, { endpoint: "x", name: "base", rounds: [] }), ctx({ slug }));
    expect(noRound.status).toBe(400);
    expect(await noRound.json()).toMatchObject({ issues: [{ field: "rounds", message: "pick at least one round kind" }] });
    const badRound = await POST(req("researcher", url, { endpoint: "x", name: "base", rounds: "MULTI,TWO" }), ctx({ slug }));
    expect(badRound.status).toBe(400);
    expect(JSON.stringify(await badRound.json())).toContain("rounds");
    expect(await t.db.evalRun.count()).toBe(0);
  });

  it("answers 404 for a run of another project", async () => {
    const response = await getRun(req("researcher", `/api/v1/projects/${slug}/eval-runs/nope`), ctx({ slug, id: "nope" }));
    expect(response.status).toBe(404);
  });
});
