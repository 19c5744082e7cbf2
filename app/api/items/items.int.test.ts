// The annotation workspace's server side against a real database: the autosave route (optimistic
// concurrency, access), the lease route, and the queue / submit / create actions.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/roles";
import { createTokenUsers } from "@/lib/auth/test-fixtures";
import { claimResponseSchema, getItemResponseSchema, holdResponseSchema, notEditableResponseSchema, releaseResponseSchema, saveItemResponseSchema, versionConflictResponseSchema } from "@/lib/items/wire";
import { createItems, createProjectWithAsset } from "@/lib/items/test-fixtures";
import { createAppTestDb, type TestDb } from "@/lib/testing/db";
import { skipItemAction, submitItemAction } from "@/app/_actions/annotate";
import { POST as claimRoute } from "./claim/route";
import { createItemAction } from "@/app/_actions/items";
import { DELETE as release, POST as hold } from "./[itemId]/lease/route";
import { GET as read, PUT as save } from "./[itemId]/route";

type Who = "annotator" | "other" | "reviewer" | "outsider";

const followUps = (truth: string, wrong: string) => [
  {
    kind: "MISLEADING", initialAnswer: truth, userMessage: `I am sure there are ${wrong} cats here.`, claimedAnswer: wrong, tactic: "CONFIDENCE", verdict: "MISLEADING",
    evidence: "Three cats lie on the sofa: two on the left cushion, one on the right.", response: `I counted again and I keep my answer: ${truth}.`, finalAnswer: truth,
  },
  {
    kind: "CORRECTIVE", initialAnswer: wrong, userMessage: `Look again, I think there are ${truth}.`, claimedAnswer: truth, tactic: "PLAIN_ASSERTION", verdict: "CORRECTIVE",
    evidence: "Counting each head on the sofa from left to right gives three cats.", response: `You are right, I miscounted. There are ${truth}.`, finalAnswer: truth,
  },
];

describe(`annotation routes and actions (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  let users: Record<Who, SessionUser>;
  let tokens: Record<Who, string>;
  let projectId: string;
  let assetId: string;

  beforeAll(async () => {
    t = await createAppTestDb();
    const { project, asset } = await createProjectWithAsset(t.db);
    [projectId, assetId] = [project.id, asset.id];
    const other = await createProjectWithAsset(t.db);
    const roles: Record<Who, "ANNOTATOR" | "REVIEWER"> = { annotator: "ANNOTATOR", other: "ANNOTATOR", reviewer: "REVIEWER", outsider: "ANNOTATOR" };
    ({ users, tokens } = await createTokenUsers(t.db, roles, { domain: "items.test", projectOf: (who) => (who === "outsider" ? other.project.id : projectId) }));
  });
  afterAll(async () => {
    await t?.drop();
  });

  const ctx = (itemId: string) => ({ params: Promise.resolve({ itemId }) });
  const request = (who: Who, method: string, body?: unknown, query = "") =>
    new Request(`http://test.local/api/items/x${query}`, { method, headers: { authorization: `Bearer ${tokens[who]}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
  const claimNext = async (who: Who, projectId: string) => {
    const response = await claimRoute(request(who, "POST", { projectId }), { params: Promise.resolve({}) });
    const json: unknown = await response.json();
    // Successful claims must be what the queue's client is typed with (lib/items/wire).
    if (response.ok) claimResponseSchema.parse(json);
    return { status: response.status, body: json as { itemId?: string | null; reason?: string; error?: string } };
  };
  const draftOf = (version: number, patch: object = {}) => ({ expectedVersion: version, question: "How many cats are on the sofa?", answerType: "NUMBER", options: [], groundTruth: "3", caption: "", tags: [], followUps: [], ...patch });

  it("autosave writes the draft and answers with the stored snapshot and the lints", async () => {
    const [id] = await createItems(t.db, projectId, assetId, [{}]);
    const response = await save(request("annotator", "PUT", draftOf(1, { caption: "cats", followUps: followUps("3", "4") })), ctx(id));
    expect(response.status).toBe(200);
    // Every answer is checked against the wire schema the editor's client is typed with.
    const body = saveItemResponseSchema.parse(await response.json());
    expect(body.item).toMatchObject({ id, version: 2, caption: "cats", status: "DRAFT" });
    expect(body.item.followUps.map((f) => f.kind)).toEqual(["MISLEADING", "CORRECTIVE"]);
    expect(body.item.followUps.every((f) => typeof f.id === "string")).toBe(true);
    expect(body.item).not.toHaveProperty("assetId");
    expect(body.issues).toEqual([]);
    const audit = await t.db.auditEvent.count({ where: { entity: "Item", entityId: id, action: "save", actorId: users.annotator.id } });
    expect(audit).toBe(1);
  });

  it("autosave takes a follow-up in the first turn (one-round injection) without an initial answer", async () => {
    const [id] = await createItems(t.db, projectId, assetId, [{}]);
    const [misleading, corrective] = followUps("3", "4");
    const response = await save(request("annotator", "PUT", draftOf(1, { followUps: [{ ...misleading, initialAnswer: "", inFirstTurn: true }, corrective] })), ctx(id));
    expect(response.status).toBe(200);
    const body = saveItemResponseSchema.parse(await response.json());
    expect(body.item.followUps.map((f) => f.inFirstTurn)).toEqual([true, false]);
    // No error for the missing initial answer (the texts repeat the previous test's: reuse warnings only).
    expect(body.issues.filter((i) => i.severity === "error")).toEqual([]);
    const refused = await save(request("annotator", "PUT", draftOf(2, { followUps: [{ ...misleading, inFirstTurn: "yes" }] })), ctx(id));
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { issues: { field: string }[] }).issues.map((i) => i.field)).toEqual(["followUps.0.inFirstTurn"]);
  });

  it("a save over a newer version gets 409 with the server's version, and writes nothing", async () => {
    const [id] = await createItems(t.db, projectId, assetId, [{}]);
    expect((await save(request("annotator", "PUT", draftOf(1, { caption: "first" })), ctx(id))).status).toBe(200);
    const stale = await save(request("other", "PUT", draftOf(1, { caption: "second" })), ctx(id));
    expect(stale.status).toBe(409);
    const body = versionConflictResponseSchema.parse(await stale.json());
    expect(body.current).toMatchObject({ version: 2, caption: "first" });
    expect(body).toMatchObject({ code: "CONFLICT", issues: [{ field: "expectedVersion" }] });
    expect((await t.db.item.findUniqueOrThrow({ where: { id } })).caption).toBe("first");
    // Saving on top of the version it was shown works.
    expect((await save(request("other", "PUT", draftOf(2, { caption: "merged" })), ctx(id))).status).toBe(200);
  });

  it("refuses bad bodies naming the field, other projects' members, readers and finished items", async () => {
    const [id, submitted] = await createItems(t.db, projectId, assetId, [{}, { status: "SUBMITTED" }]);
    const bad = await save(request("annotator", "PUT", draftOf(1, { tags: ["no/slash"] })), ctx(id));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toMatch(/^tags\.0: /);
    const notJson = await save(new Request("http://test.local/x", { method: "PUT", headers: { authorization: `Bearer ${tokens.annotator}`, "content-type": "application/json" }, body: "{" }), ctx(id));
    expect(notJson.status).toBe(400);
    expect((await save(request("outsider", "PUT", draftOf(1)), ctx(id))).status).toBe(403);
    expect((await save(request("reviewer", "PUT", draftOf(1)), ctx(id))).status).toBe(403);
    expect((await save(request("annotator", "PUT", draftOf(1)), ctx("nope"))).status).toBe(404);
    const finished = await save(request("annotator", "PUT", draftOf(1)), ctx(submitted));
    expect(finished.status).toBe(409);
    expect(notEditableResponseSchema.parse(await finished.json())).toMatchObject({ status: "SUBMITTED" });
    // Reviewers may read (for the read-only editor); outsiders may not.
    const readable = await read(request("reviewer", "GET"), ctx(id));
    expect(readable.status).toBe(200);
    expect(getItemResponseSchema.parse(await readable.json()).item).toMatchObject({ id, version: 1 });
    expect((await read(request("outsider", "GET"), ctx(id))).status).toBe(403);
  });

  it("the lease route takes a free item, tells others who holds it, and gives it back", async () => {
    const [id] = await createItems(t.db, projectId, assetId, [{}]);
    const taken = await hold(request("annotator", "POST"), ctx(id));
    expect(holdResponseSchema.parse(await taken.json())).toMatchObject({ held: true, how: "taken" });
    expect(holdResponseSchema.parse(await (await hold(request("other", "POST"), ctx(id))).json())).toMatchObject({ held: false, holderName: "annotator", status: "DRAFT" });
    expect(holdResponseSchema.parse(await (await hold(request("annotator", "POST"), ctx(id))).json())).toMatchObject({ held: true, how: "renewed" });
    expect(releaseResponseSchema.parse(await (await release(request("annotator", "DELETE"), ctx(id))).json())).toEqual({ released: true });
    expect((await t.db.item.findUniqueOrThrow({ where: { id } })).assigneeId).toBeNull();
    expect((await release(request("annotator", "DELETE", undefined, "?mode=later"), ctx(id))).status).toBe(400);
    expect((await hold(request("outsider", "POST"), ctx(id))).status).toBe(403);
  });

  it("claim, skip and submit through the actions; submit is refused while lints report errors", async () => {
    const { project, asset } = await createProjectWithAsset(t.db);
    for (const who of ["annotator", "other"] as const) await t.db.projectMember.create({ data: { projectId: project.id, userId: users[who].id } });
    const [first, second] = await createItems(t.db, project.id, asset.id, [{}, {}]);
    expect(await claimNext("annotator", project.id)).toEqual({ status: 200, body: expect.objectContaining({ itemId: first, reason: "new" }) });
    expect(await claimNext("annotator", project.id)).toMatchObject({ body: { itemId: first, reason: "resumed" } });
    const skipped = await skipItemAction.run(users.annotator, { itemId: first });
    expect(skipped).toMatchObject({ ok: true, data: { itemId: second } });
    expect((await claimNext("other", project.id)).body).toMatchObject({ itemId: first });

    const blocked = await submitItemAction.run(users.annotator, { itemId: second, expectedVersion: 1 });
    expect(blocked).toMatchObject({ ok: false, status: 400 });
    expect(!blocked.ok && blocked.error).toMatch(/lint error/);
    expect((await save(request("annotator", "PUT", draftOf(1, { followUps: followUps("3", "4") })), ctx(second))).status).toBe(200);
    expect(await submitItemAction.run(users.annotator, { itemId: second, expectedVersion: 1 })).toMatchObject({ ok: false, status: 409 });
    const done = await submitItemAction.run(users.annotator, { itemId: second, expectedVersion: "2", next: "queue" });
    expect(done).toMatchObject({ ok: true, data: { version: 3, nextItemId: null } });
    expect((await t.db.item.findUniqueOrThrow({ where: { id: second } })).status).toBe("SUBMITTED");
    expect((await claimNext("outsider", project.id)).status).toBe(403);
    expect((await claimNext("annotator", "")).body.error).toMatch(/^projectId: /);
    expect((await claimNext("annotator", project.id)).body).toEqual({ itemId: null });
    expect(await submitItemAction.run(users.annotator, { itemId: "nope", expectedVersion: 1 })).toMatchObject({ ok: false, status: 404, fieldErrors: { itemId: 'No item "nope".' } });
  });

  it("creates an item for an image from the form fields", async () => {
    const created = await createItemAction.run(users.annotator, {
      projectId, assetId, question: "Which animal is on the sofa?", answerType: "MULTIPLE_CHOICE", options: ["Cat", "Dog"], groundTruth: "A", caption: "", tags: "Pets, sofa",
    });
    expect(created).toMatchObject({ ok: true });
    const itemId = (created.ok && (created.data as { itemId: string }).itemId) as string;
    const item = await t.db.item.findUniqueOrThrow({ where: { id: itemId }, include: { tags: true } });
    expect(item).toMatchObject({ status: "DRAFT", options: ["Cat", "Dog"], groundTruth: "A" });
    expect(item.tags.map((x) => x.tag).sort()).toEqual(["pets", "sofa"]);
    const refused = await createItemAction.run(users.annotator, { projectId, assetId, question: "", answerType: "YES_NO", groundTruth: "maybe" });
    expect(refused).toMatchObject({ ok: false, status: 400, fieldErrors: { question: "The question is required.", groundTruth: expect.stringContaining("yes or no") } });
    expect(await createItemAction.run(users.outsider, { projectId, assetId, question: "q", answerType: "YES_NO", groundTruth: "yes" })).toMatchObject({ ok: false, status: 403 });
  });
});
