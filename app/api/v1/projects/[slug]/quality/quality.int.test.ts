// GET /api/v1/projects/{slug}/quality and the dashboard's CSV route against a real database: roles and
// membership, field-named 400s, and an answer parsed with the schema the OpenAPI document is made from.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rebuildQualityFigures } from "@/lib/quality/figures/backfill";
import { qualityReportSchema } from "@/lib/quality/report";
import type { SessionUser } from "@/lib/auth/roles";
import { createTokenUsers } from "@/lib/auth/test-fixtures";
import { createItems, createProjectWithAsset } from "@/lib/items/test-fixtures";
import { createAppTestDb, type TestDb } from "@/lib/testing/db";
import { GET as csv } from "@/app/(app)/projects/[slug]/quality/csv/[table]/route";
import { GET } from "./route";

type Who = "researcher" | "reviewer1" | "reviewer2" | "annotator" | "stranger";

describe(`quality API (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  let slug: string;
  let tokens: Record<Who, string>;
  let users: Record<Who, SessionUser>;

  beforeAll(async () => {
    t = await createAppTestDb();
    const { project, asset } = await createProjectWithAsset(t.db);
    slug = project.slug;
    const roles: Record<Who, SessionUser["role"]> = { researcher: "RESEARCHER", reviewer1: "REVIEWER", reviewer2: "REVIEWER", annotator: "ANNOTATOR", stranger: "RESEARCHER" };
    ({ users, tokens } = await createTokenUsers(t.db, roles, { domain: "quality.test", projectOf: (who) => (who === "stranger" ? null : project.id) }));
    const items = await createItems(t.db, project.id, asset.id, [{}, {}, {}, {}]);
    // Two reviewers, four items: agree on 3 of 4 decisions.
    const decisions = [["APPROVE", "APPROVE"], ["REJECT", "REJECT"], ["APPROVE", "APPROVE"], ["APPROVE", "REJECT"]] as const;
    for (const [i, [a, b]] of decisions.entries()) {
      for (const [reviewer, decision, score] of [["reviewer1", a, 4], ["reviewer2", b, i === 3 ? 2 : 4]] as const) {
        await t.db.review.create({
          data: { itemId: items[i], reviewerId: users[reviewer].id, decision, visualGrounding: score, verdictCorrectness: 3 + (i % 2), reasoningConsistency: 4, tone: 5, answerCorrectness: 4 },
        });
      }
    }
    // The reviews were written directly, past the code that keeps the dashboard's figures: backfill them.
    await rebuildQualityFigures(t.db);
  });
  afterAll(async () => {
    await t?.drop();
  });

  const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });
  const req = (who: Who, url: string) => new Request(`http://test.local${url}`, { headers: { authorization: `Bearer ${tokens[who]}` } });

  it("gives researchers the agreement figures with the items and pairs behind them", async () => {
    const response = await GET(req("researcher", `/api/v1/projects/${slug}/quality`), ctx({ slug }));
    expect(response.status).toBe(200);
    const report = qualityReportSchema.parse(await response.json());
    const [pair] = report.agreement.decisions.cohenPairs;
    // p_o = 3/4; marginals A: 3/4·2/4, R: 1/4·2/4 → p_e = 1/2, κ = 0.5.
    expect(pair).toMatchObject({ units: 4, pairs: 4 });
    expect(pair.value).toBeCloseTo(0.5, 6);
    expect(report.agreement.decisions.fleiss).toMatchObject({ value: null, raters: null });
    const tone = report.agreement.rubricOrdinal.find((a) => a.criterion === "tone")!;
    expect(tone).toMatchObject({ value: null, units: 4 });
    expect(tone.reason).toMatch(/single value/);
    expect(report.rubricMeans.find((r) => r.criterion === "tone")).toMatchObject({ mean: 5, reviews: 8 });
  });

  it("refuses annotators and reviewers (403), non-members (403), and names a bad filter (400)", async () => {
    for (const who of ["annotator", "reviewer1", "stranger"] as const) {
      expect((await GET(req(who, `/api/v1/projects/${slug}/quality`), ctx({ slug }))).status).toBe(403);
    }
    const bad = await GET(req("researcher", `/api/v1/projects/${slug}/quality?from=01-02-2030`), ctx({ slug }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^from: /);
  });

  it("serves each dashboard table as CSV to researchers only", async () => {
    const response = await csv(req("researcher", `/projects/${slug}/quality/csv/rubric`), ctx({ slug, table: "rubric" }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/csv/);
    const lines = (await response.text()).trim().split("\r\n");
    expect(lines[0]).toBe("Criterion,Mean (1–5),Reviews");
    expect(lines).toContain("Tone,5,8");
    expect((await csv(req("annotator", `/projects/${slug}/quality/csv/rubric`), ctx({ slug, table: "rubric" }))).status).toBe(403);
    expect((await csv(req("researcher", `/projects/${slug}/quality/csv/secrets`), ctx({ slug, table: "secrets" }))).status).toBe(400);
  });
});
