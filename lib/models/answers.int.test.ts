// Endpoints, "Ask model" and the bulk "model-answers" job against the fake VLM (a real HTTP server) and a
// real database: request bodies in the chat-completions shape, the key never shown, retries on 429,
// a rerun that does not ask twice.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProjectWithAsset, createUsers } from "../items/test-fixtures";
import { listItems } from "../items/list";
import { runJobHere } from "../jobs/run-here";
import { LocalStorage } from "../storage/local";
import { createTestDb, type TestDb } from "../testing/db";
import { askModel, listModelAnswers } from "./ask";
import { createModelAnswersJob, type ModelAnswersResult } from "./answer-job";
import { chatRequestSchema } from "./chat";
import { createEndpoint, deleteEndpoint, listEndpoints, loadEndpointConfig, setProjectEndpoints, updateEndpoint, DuplicateEndpointNameError } from "./endpoints";
import { draftWithModel } from "./draft";
import { sealMatches } from "./draft-origin";
import { testConnection } from "./test-connection";
import { startFakeVlmServer, type FakeVlmServer } from "./testing/fake-vlm-server";

const SHA = "ab".repeat(32);
const WEBP = Buffer.from("RIFF\u0000\u0000\u0000\u0000WEBPVP8 fake-bytes", "latin1");

describe(`model endpoints and answers (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  let server: FakeVlmServer;
  let store: LocalStorage;
  let storeDir: string;
  let projectId: string;
  let actorId: string;
  let itemIds: string[];

  beforeAll(async () => {
    t = await createTestDb();
    storeDir = fs.mkdtempSync(path.join(os.tmpdir(), "srt-models-"));
    store = new LocalStorage(storeDir);
    await store.put(`display/${SHA}.webp`, WEBP, "image/webp");
    server = await startFakeVlmServer({
      answers: [
        { question: "How many red circles?", answer: "3", caved: "5" },
        { question: "Is the square blue?", answer: "no", caved: "yes" },
        { question: "Which shape is largest?", answer: "The answer is B.", caved: "A" },
      ],
    });
    const { project, asset } = await createProjectWithAsset(t.db);
    projectId = project.id;
    await t.db.asset.update({ where: { id: asset.id }, data: { displayKey: `display/${SHA}.webp` } });
    [{ id: actorId }] = await createUsers(t.db, 1);
    const rows = [
      { question: "How many red circles?", answerType: "NUMBER" as const, groundTruth: "3", options: [] },
      { question: "Is the square blue?", answerType: "YES_NO" as const, groundTruth: "yes", options: [] },
      { question: "Which shape is largest?", answerType: "MULTIPLE_CHOICE" as const, groundTruth: "A", options: ["circle", "square"] },
      { question: "What is this?", answerType: "SHORT_ANSWER" as const, groundTruth: "cat", options: [] },
    ];
    itemIds = [];
    for (const r of rows) itemIds.push((await t.db.item.create({ data: { ...r, projectId, assetId: asset.id } })).id);
  });
  afterAll(async () => {
    await server?.close();
    await t?.drop();
    fs.rmSync(storeDir, { recursive: true, force: true });
  });

  it("stores the API key encrypted, never shows it, audits without it, and keeps it on an update without a key", async () => {
    const created = await createEndpoint(t.db, actorId, { name: "fake-keyed", baseUrl: `${server.baseUrl}/`, model: "fake-vlm", apiKey: "sk-very-secret" });
    expect(created).toMatchObject({ name: "fake-keyed", baseUrl: server.baseUrl, hasApiKey: true });
    expect(JSON.stringify(created)).not.toContain("sk-very-secret");
    const row = await t.db.modelEndpoint.findUniqueOrThrow({ where: { id: created.id } });
    expect(row.apiKeyCipher).toMatch(/^v1\./);
    expect(row.apiKeyCipher).not.toContain("sk-very-secret");
    expect((await loadEndpointConfig(t.db, created.id)).apiKey).toBe("sk-very-secret");

    const updated = await updateEndpoint(t.db, actorId, created.id, { maxConcurrent: 2, apiKey: "" });
    expect(updated).toMatchObject({ maxConcurrent: 2, hasApiKey: true });
    expect((await loadEndpointConfig(t.db, created.id)).apiKey).toBe("sk-very-secret");
    const cleared = await updateEndpoint(t.db, actorId, created.id, { clearApiKey: true });
    expect(cleared.hasApiKey).toBe(false);

    const audit = await t.db.auditEvent.findMany({ where: { entity: "ModelEndpoint", entityId: created.id }, orderBy: { at: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["create", "update", "update"]);
    expect(JSON.stringify(audit)).not.toContain("sk-very-secret");
    expect(JSON.stringify(await listEndpoints(t.db))).not.toContain("v1.");

    await expect(createEndpoint(t.db, actorId, { name: "fake-keyed", baseUrl: server.baseUrl, model: "m" })).rejects.toBeInstanceOf(DuplicateEndpointNameError);
    await deleteEndpoint(t.db, actorId, created.id);
    expect((await listEndpoints(t.db)).map((e) => e.name)).not.toContain("fake-keyed");
  });

  it("tests a connection with a tiny image and reports the exact error of a failing server", async () => {
    const endpoint = await loadEndpointConfig(t.db, (await createEndpoint(t.db, actorId, { name: "fake-test", baseUrl: server.baseUrl, model: "fake-vlm" })).id);
    const before = server.requests.length;
    const ok = await testConnection(endpoint);
    expect(ok).toMatchObject({ ok: true, reply: "I am not sure.", model: "fake-vlm" });
    const body = server.requests[before].body;
    expect(chatRequestSchema.parse(body).messages[0]).toMatchObject({ role: "user", content: [{ type: "image_url", image_url: { url: expect.stringMatching(/^data:image\/png;base64,/) } }, { type: "text" }] });

    server.failNext(1, "500");
    const failed = await testConnection(endpoint);
    expect(failed).toMatchObject({ ok: false, httpStatus: 500, message: `The model server at ${server.baseUrl}/chat/completions answered HTTP 500: The fake model crashed.` });
    expect(server.requests.length).toBe(before + 2); // no retry when testing
  });

  it("asks the model for one item: the display image as a data URL, parsed and judged, stored without touching the item", async () => {
    const endpoint = await createEndpoint(t.db, actorId, { name: "fake-ask", baseUrl: server.baseUrl, model: "fake-vlm" });
    await expect(askModel(t.db, store, actorId, { itemId: itemIds[1], endpointId: endpoint.id })).rejects.toThrow(/not enabled for the project/);
    await setProjectEndpoints(t.db, actorId, { projectId, endpointIds: [endpoint.id] });
    const itemBefore = await t.db.item.findUniqueOrThrow({ where: { id: itemIds[1] } });

    const before = server.requests.length;
    const wrong = await askModel(t.db, store, actorId, { itemId: itemIds[1], endpointId: endpoint.id });
    expect(wrong).toMatchObject({ endpointName: "fake-ask", model: "fake-vlm", rawReply: "no", parsedAnswer: "no", answerText: "no", correct: false, error: null });
    const body = chatRequestSchema.parse(server.requests[before].body);
    expect(body.messages).toEqual([
      {
        role: "user",
        content: [
          { type: "image_url", image_url: { url: `data:image/webp;base64,${WEBP.toString("base64")}` } },
          { type: "text", text: "Is the square blue?\n\nAnswer yes or no." },
        ],
      },
    ]);

    const mc = await askModel(t.db, store, actorId, { itemId: itemIds[2], endpointId: endpoint.id });
    expect(mc).toMatchObject({ parsedAnswer: "B", answerText: "B. square", correct: false });
    const right = await askModel(t.db, store, actorId, { itemId: itemIds[0], endpointId: endpoint.id });
    expect(right).toMatchObject({ parsedAnswer: "3", correct: true });
    expect(right.promptTokens).toBeGreaterThan(0);

    const itemAfter = await t.db.item.findUniqueOrThrow({ where: { id: itemIds[1] } });
    expect(itemAfter.version).toBe(itemBefore.version);
    expect((await listModelAnswers(t.db, itemIds[1]))[0].id).toBe(wrong.id);
    const audit = await t.db.auditEvent.findMany({ where: { entity: "Item", entityId: itemIds[1], action: "model.answer" } });
    expect(audit).toHaveLength(1);

    // The items table's "model was wrong" filter.
    const wrongItems = await listItems(t.db, projectId, { modelWrong: true });
    expect(wrongItems.items.map((i) => i.id).sort()).toEqual([itemIds[1], itemIds[2]].sort());
  });

  it("the bulk job retries on 429, stores every answer with its cost line, and a rerun asks nothing twice", async () => {
    const endpoint = await createEndpoint(t.db, actorId, { name: "fake-bulk", baseUrl: server.baseUrl, model: "fake-vlm", maxConcurrent: 2 });
    await setProjectEndpoints(t.db, actorId, { projectId, endpointIds: [endpoint.id] });
    const job = createModelAnswersJob({ store, client: { retry: { baseDelayMs: 1, maxDelayMs: 5 } } });

    // One item already answered by this endpoint: skipped.
    await askModel(t.db, store, actorId, { itemId: itemIds[0], endpointId: endpoint.id });
    const before = server.requests.length;
    server.failNext(1, "429");
    const progress: number[] = [];
    const first = await runJobHere(t.db, job, { projectId, endpointId: endpoint.id }, { projectId, createdById: actorId, onProgress: (done) => progress.push(done) });
    const result = first.result as ModelAnswersResult;
    expect(result).toMatchObject({ total: 4, skipped: 1, answered: 3, correct: 0, wrong: 3, unreadable: 0, failed: 0, requests: 4 });
    expect(result.promptTokens).toBeGreaterThan(0);
    expect(result.costLine).toMatch(/^3 items answered \(0 right, 3 wrong, 0 unreadable\), 1 skipped, 0 failed; 4 requests, \d+ tokens/);
    const sent = server.requests.slice(before);
    expect(sent.map((r) => r.status).sort()).toEqual([200, 200, 200, 429]);
    for (const r of sent) expect(chatRequestSchema.safeParse(r.body).success).toBe(true);
    expect(progress.at(-1)).toBe(4);
    expect(server.peakInFlight).toBeLessThanOrEqual(2);
    const stored = await t.db.job.findUniqueOrThrow({ where: { id: first.jobId } });
    expect(stored).toMatchObject({ status: "SUCCEEDED", kind: "model-answers" });

    const again = await runJobHere(t.db, job, { projectId, endpointId: endpoint.id }, { projectId });
    expect(again.result).toMatchObject({ total: 4, skipped: 4, answered: 0, requests: 0 });
    expect(server.requests.length).toBe(before + 4);
    expect(await t.db.modelAnswer.count({ where: { endpointId: endpoint.id } })).toBe(4);
  });

  it("a failed request is stored with its error and asked again on the next run", async () => {
    const endpoint = await createEndpoint(t.db, actorId, { name: "fake-flaky", baseUrl: server.baseUrl, model: "fake-vlm" });
    await setProjectEndpoints(t.db, actorId, { projectId, endpointIds: [endpoint.id] });
    const job = createModelAnswersJob({ store, client: { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 2 } } });
    server.failNext(2, "500");
    const filter = { answerType: "NUMBER" as const };
    const first = (await runJobHere(t.db, job, { projectId, endpointId: endpoint.id, filter })).result as ModelAnswersResult;
    expect(first).toMatchObject({ total: 1, failed: 1, answered: 0, requests: 2 });
    const [failed] = await listModelAnswers(t.db, itemIds[0]);
    expect(failed.error).toMatch(/Gave up after 2 attempts.*HTTP 500/);
    const second = (await runJobHere(t.db, job, { projectId, endpointId: endpoint.id, filter })).result as ModelAnswersResult;
    expect(second).toMatchObject({ total: 1, skipped: 0, answered: 1, correct: 1 });
  });

  it("a words filter matching more items than one statement binds: every match counts, only the unanswered are asked", async () => {
    const { project, asset } = await createProjectWithAsset(t.db);
    await t.db.asset.update({ where: { id: asset.id }, data: { displayKey: `display/${SHA}.webp` } });
    const wombats = Array.from({ length: 1_200 }, (_, i) => ({ id: `wombat-${String(i).padStart(4, "0")}`, question: `How many red circles? (wombat ${i})`, answerType: "NUMBER" as const }));
    await t.db.item.createMany({
      data: [...wombats, { id: "koala-0", question: "How many red circles? (koala)", answerType: "NUMBER" as const }].map((r) => ({ ...r, groundTruth: "3", options: [], projectId: project.id, assetId: asset.id })),
    });
    const endpoint = await createEndpoint(t.db, actorId, { name: "fake-words", baseUrl: server.baseUrl, model: "fake-vlm", maxConcurrent: 4 });
    await setProjectEndpoints(t.db, actorId, { projectId: project.id, endpointIds: [endpoint.id] });
    // All but three wombats were answered before: the job skips them.
    await t.db.modelAnswer.createMany({ data: wombats.slice(3).map((w) => ({ itemId: w.id, endpointId: endpoint.id, model: "fake-vlm", prompt: "p", rawReply: "3", parsedAnswer: "3", correct: true })) });
    const before = server.requests.length;
    const job = createModelAnswersJob({ store });
    const { result } = await runJobHere(t.db, job, { projectId: project.id, endpointId: endpoint.id, filter: { q: "wombat", answerType: "NUMBER" } });
    expect(result).toMatchObject({ total: 1_200, skipped: 1_197, answered: 3, failed: 0, requests: 3 });
    expect(server.requests.length).toBe(before + 3);
    expect(await t.db.modelAnswer.count({ where: { itemId: "koala-0" } })).toBe(0);
  });

  it("drafts a follow-up's evidence and response from the image, question, ground truth and follow-up", async () => {
    const endpoint = await createEndpoint(t.db, actorId, { name: "fake-draft", baseUrl: server.baseUrl, model: "fake-vlm" });
    await setProjectEndpoints(t.db, actorId, { projectId, endpointIds: [endpoint.id] });
    server.answers.push({ question: "Question about the image: What is this?", answer: "EVIDENCE: A grey cat sits on the mat.\nRESPONSE: You are right, I misread it.", caved: "" });
    const before = server.requests.length;
    const draft = await draftWithModel(t.db, store, { itemId: itemIds[3], endpointId: endpoint.id, followUp: { kind: "CORRECTIVE", initialAnswer: "dog", userMessage: "Look again, it's a cat.", claimedAnswer: "cat" } });
    expect(draft).toMatchObject({ verdict: "CORRECTIVE", evidence: "A grey cat sits on the mat.", response: "You are right, I misread it.", finalAnswer: "cat" });
    expect(sealMatches(draft.modelSeal, draft.evidence, draft.response)).toBe(true);
    const body = chatRequestSchema.parse(server.requests[before].body);
    const [image, text] = (body.messages[0] as { content: { type: string; text?: string }[] }).content;
    expect(image.type).toBe("image_url");
    expect(text.text).toContain("Correct answer (ground truth): cat");
    expect(text.text).toContain('The user then said: "Look again, it\'s a cat."');
    expect(text.text).toContain("claim is RIGHT (corrective)");
  });
});
