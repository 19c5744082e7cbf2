// POST/GET /api/v1/items/{id}/reviews against a real database: claim-and-review, 403 for the item's own
// author (the server's check, not a hidden button), 409 when not waiting, field-named 400s, no anchoring.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorSchema, reviewListSchema, reviewResultSchema } from "@/lib/api/schemas";
import type { SessionUser } from "@/lib/auth/roles";
import { createTokenUsers } from "@/lib/auth/test-fixtures";
import { submitItem } from "@/lib/followups/submit";
import { createProjectWithAsset } from "@/lib/items/test-fixtures";
import { SCORES, writtenItem } from "@/lib/reviews/test-fixtures";
import { createAppTestDb, type TestDb } from "@/lib/testing/db";
import { GET, POST } from "./route";

type Who = "annotator" | "r1" | "r2" | "researcher" | "stranger";

describe(`REST API v1 reviews (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  let tokens: Record<Who, string>;
  let users: Record<Who, SessionUser>;
  let projectId: string;
  let assetId: string;

  beforeAll(async () => {
    t = await createAppTestDb();
    const { project, asset } = await createProjectWithAsset(t.db, { reviewsPerItem: 2 });
    projectId = project.id;
    assetId = asset.id;
    const roles: Record<Who, SessionUser["role"]> = { annotator: "ANNOTATOR", r1: "REVIEWER", r2: "REVIEWER", researcher: "RESEARCHER", stranger: "REVIEWER" };
    ({ users, tokens } = await createTokenUsers(t.db, roles, { domain: "reviews.test", projectOf: (who) => (who === "stranger" ? null : projectId) }));
  });
  afterAll(async () => {
    await t?.drop();
  });

  const ctx = (id: string) => ({ params: Promise.resolve({ id }) });
  const url = (id: string) => `http://test.local/api/v1/items/${id}/reviews`;
  const post = (who: Who, id: string, value: unknown) =>
    POST(new Request(url(id), { method: "POST", body: JSON.stringify(value), headers: { authorization: `Bearer ${tokens[who]}`, "content-type": "application/json" } }), ctx(id));
  const get = (who: Who, id: string) => GET(new Request(url(id), { headers: { authorization: `Bearer ${tokens[who]}` } }), ctx(id));

  async function submitted() {
    const { itemId, version } = await writtenItem(t.db, projectId, assetId, users.annotator.id);
    await submitItem(t.db, { itemId, expectedVersion: version, actorId: users.annotator.id });
    return itemId;
  }

  it("reviews a submitted item (201), hides it from the second reviewer until they review, then decides by policy", async () => {
    const itemId = await submitted();
    const first = await post("r1", itemId, { scores: SCORES, decision: "APPROVE" });
    expect(first.status).toBe(201);
    expect(reviewResultSchema.parse(await first.json())).toMatchObject({ round: 1, outcome: "pending", itemStatus: "IN_REVIEW" });

    const before = reviewListSchema.parse(await (await get("r2", itemId)).json());
    expect(before.reviews).toHaveLength(0);
    expect(reviewListSchema.parse(await (await get("researcher", itemId)).json()).reviews).toHaveLength(1);
    expect((await post("r1", itemId, { scores: SCORES, decision: "APPROVE" })).status).toBe(409);

    const second = await post("r2", itemId, { scores: SCORES, decision: "APPROVE", comment: "Fine." });
    expect(reviewResultSchema.parse(await second.json())).toMatchObject({ outcome: "decided", itemStatus: "APPROVED" });
    const after = reviewListSchema.parse(await (await get("r2", itemId)).json());
    expect(after.reviews.map((r) => r.reviewer.name)).toEqual(["r1", "r2"]);
    expect(after.itemStatus).toBe("APPROVED");
  });

  it("answers 403 to the item's author, 403 to a non-member, 400 naming bad fields", async () => {
    const itemId = await submitted();
    await t.db.user.update({ where: { id: users.annotator.id }, data: { role: "REVIEWER" } });
    const own = await post("annotator", itemId, { scores: SCORES, decision: "APPROVE" });
    expect(own.status).toBe(403);
    await t.db.user.update({ where: { id: users.annotator.id }, data: { role: "ANNOTATOR" } });
    expect((await post("stranger", itemId, { scores: SCORES, decision: "APPROVE" })).status).toBe(403);

    const bad = await post("r1", itemId, { scores: { ...SCORES, tone: 9 }, decision: "REJECT" });
    expect(bad.status).toBe(400);
    const error = errorSchema.parse(await bad.json());
    expect(error.issues?.map((i) => i.field).sort()).toEqual(["comment", "scores.tone"]);
    expect(await t.db.review.count({ where: { itemId } })).toBe(0);
  });
});
