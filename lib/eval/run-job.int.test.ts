// Stored evaluation runs over the demo project against the fake sycophantic VLM (a real HTTP server):
// exact metrics from the answer table, OpenAI-shaped bodies, resume after an abort without asking a
// stored conversation again, retries on 429, and cancel.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { firstTurnText } from "../export/prompt";
import { requestCancelOfJob } from "../jobs/cancel-mirrored";
import { enqueueJob } from "../jobs/enqueue";
import { runJobHere } from "../jobs/run-here";
import { JobWorker } from "../jobs/worker";
import { chatRequestSchema } from "../models/chat";
import { isOneRoundRequest, startFakeVlmServer, type FakeVlmServer } from "../models/testing/fake-vlm-server";
import { seedDemo } from "../seed/demo";
import { LocalStorage } from "../storage/local";
import { createTestDb, type TestDb } from "../testing/db";
import { evaluationReport } from "./metrics";
import { loadRunResults, outcomeOf } from "./results";
import { importOfflineReplies, offlinePrompts, parseOfflineReplies } from "./offline";
import { createEvalRunJob, readDisplayImage } from "./run-job";
import { evalRunQueue, evalSelectionSchema } from "./run-schemas";
import { cancelEvalRun, createEvalRun, findEvalRun } from "./runs";
import { reopenEvalRun } from "./start";
import { demoAnswerTable, uniqueQuestions } from "./testing/demo-fake";

describe(`evaluation runs (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  let dir: string;
  let storage: LocalStorage;
  let projectId: string;
  let ownerId: string;
  let itemIds: string[];
  let server: FakeVlmServer | null = null;
  const job = () => createEvalRunJob({ storage: () => storage });

  beforeAll(async () => {
    t = await createTestDb();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "srt-eval-"));
    storage = new LocalStorage(dir);
    const owner = await t.db.user.create({ data: { email: "r@example.com", name: "Researcher", role: "RESEARCHER" } });
    ownerId = owner.id;
    const project = await seedDemo(t.db, storage, owner);
    projectId = project!.id;
    itemIds = await uniqueQuestions(t.db, projectId);
  });
  afterEach(async () => {
    await server?.close();
    server = null;
  });
  afterAll(async () => {
    await t?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  let endpoints = 0;
  async function endpointFor(fake: FakeVlmServer, maxConcurrent = 4) {
    const row = await t.db.modelEndpoint.create({ data: { name: `fake-${++endpoints}`, baseUrl: fake.baseUrl, model: "fake-vlm", maxConcurrent, timeoutMs: 5_000 } });
    await t.db.projectModelEndpoint.create({ data: { projectId, endpointId: row.id } });
    return row;
  }
  const newRun = async (endpoint: string, name = "run", rounds = ["MULTI"]) =>
    createEvalRun(t.db, {
      projectId,
      userId: ownerId,
      body: { endpoint, name, selection: { statuses: ["APPROVED", "SUBMITTED"] }, conditions: ["IMAGE", "TEXT"], rounds },
    });
  /** Demo item 3's misleading follow-up written for the first turn (one-round only) while `body` runs. */
  async function withFirstTurnFollowUp<T>(body: () => Promise<T>): Promise<T> {
    const where = { itemId: itemIds[3], kind: "MISLEADING" as const };
    await t.db.followUp.updateMany({ where, data: { inFirstTurn: true } });
    try {
      return await body();
    } finally {
      await t.db.followUp.updateMany({ where, data: { inFirstTurn: false } });
    }
  }
  /** "<item id>|<condition>" of a plain question, from its "(scene n)" and whether it has the image. */
  const plainKey = (body: unknown) => {
    const text = JSON.stringify((body as Body).messages);
    return `${itemIds[Number(/\(scene (\d+)\)/.exec(text)![1]) - 1]}|${text.includes('"image_url"') ? "IMAGE" : "TEXT"}`;
  };
  type Body = { messages: { role: string; content: unknown }[] };
  const isOneRound = isOneRoundRequest;

  it("a run over the demo gives exactly the metrics the answer table implies, with OpenAI-shaped bodies", async () => {
    server = await startFakeVlmServer({ answers: demoAnswerTable(), caveProbability: 1 });
    const endpoint = await endpointFor(server);
    const run = await newRun(endpoint.name);
    expect(run.total).toBe(32); // 8 items × 2 follow-ups × 2 conditions
    const { result } = await runJobHere(t.db, job(), { runId: run.id }, { projectId });
    expect(result).toMatchObject({ total: 32, asked: 32, skipped: 0, failed: 0 });
    expect(await findEvalRun(t.db, projectId, run.id)).toMatchObject({ status: "SUCCEEDED", done: 32, failed: 0 });

    const { report, conversations, failed } = await loadRunResults(t.db, run.id);
    expect(failed).toBe(0);
    expect(conversations).toHaveLength(32);
    const image = report.byCondition.IMAGE;
    expect(image.conversations).toBe(16);
    expect(image.firstAnswerAccuracy).toMatchObject({ numerator: 12, denominator: 16 });
    expect(image.sycophancy).toMatchObject({ numerator: 6, denominator: 6, rate: 1 });
    expect(image.sycophancyToClaim).toMatchObject({ numerator: 6, denominator: 6 });
    expect(image.correction).toMatchObject({ numerator: 2, denominator: 2, rate: 1 });
    expect(image.flip).toMatchObject({ numerator: 16, denominator: 16 });
    const text = report.byCondition.TEXT;
    expect(text.firstAnswerAccuracy).toMatchObject({ numerator: 8, denominator: 16 });
    expect(text.sycophancy).toMatchObject({ numerator: 4, denominator: 4 });
    expect(text.correction).toMatchObject({ numerator: 2, denominator: 4 });
    expect(text.flip).toMatchObject({ numerator: 12, denominator: 16 });
    expect(report.modalityGap.gap).toBe(0);

    // Every body is a chat-completions request; the image goes as a data URL part of the display image.
    expect(server.requests).toHaveLength(64);
    for (const r of server.requests) expect(chatRequestSchema.safeParse(r.body).success).toBe(true);
    const withImage = server.requests.filter((r) => JSON.stringify(r.body).includes('"image_url"'));
    expect(withImage).toHaveLength(32);
    const firstTurn = withImage.map((r) => r.body as { messages: { role: string; content: unknown }[] }).find((b) => b.messages.length === 1)!;
    expect(firstTurn.messages[0].content).toEqual([
      { type: "image_url", image_url: { url: expect.stringMatching(/^data:image\/webp;base64,[A-Za-z0-9+/]+=*$/) } },
      { type: "text", text: expect.stringContaining("(scene ") },
    ]);
    // Stored: both bodies (image shortened) and both replies.
    const stored = await t.db.evalConversation.findFirstOrThrow({ where: { runId: run.id, condition: "IMAGE" } });
    expect(stored.requests).toHaveLength(2);
    expect(JSON.stringify(stored.requests)).toContain("data:image/webp;base64,…");
    expect(stored.replies).toHaveLength(2);
  });

  it("an aborted run resumes without asking a stored conversation again", async () => {
    server = await startFakeVlmServer({ answers: demoAnswerTable(), caveProbability: 0.5, latencyMs: 40, seed: 3 });
    const endpoint = await endpointFor(server, 2);
    const run = await newRun(endpoint.name, "resumed");
    const abort = new AbortController();
    const first = runJobHere(t.db, job(), { runId: run.id }, { projectId, signal: abort.signal });
    for (let i = 0; i < 200 && (await t.db.evalConversation.count({ where: { runId: run.id } })) < 8; i++) await new Promise((r) => setTimeout(r, 25));
    abort.abort(new Error("killed"));
    await expect(first).rejects.toThrow();
    expect((await findEvalRun(t.db, projectId, run.id)).status).toBe("CANCELLED");
    const before = await t.db.evalConversation.findMany({ where: { runId: run.id }, select: { followUpId: true, condition: true, replies: true } });
    expect(before.length).toBeGreaterThanOrEqual(8);
    expect(before.length).toBeLessThan(32);
    // Requests already on the wire when the abort came still reach the server: count them as before.
    await new Promise((r) => setTimeout(r, 200));
    const requestsBefore = server.requests.length;

    await t.db.evalRun.update({ where: { id: run.id }, data: { status: "QUEUED" } }); // what "Resume" does
    const { result } = await runJobHere(t.db, job(), { runId: run.id }, { projectId });
    expect(result).toMatchObject({ total: 32, skipped: before.length, asked: 32 - before.length });
    expect(await t.db.evalConversation.count({ where: { runId: run.id } })).toBe(32);

    // No stored conversation was asked again: after the resume, no request's conversation is one of them.
    const followUps = await t.db.followUp.findMany({ where: { id: { in: before.map((b) => b.followUpId) } }, select: { id: true, userMessage: true } });
    const message = new Map(followUps.map((f) => [f.id, f.userMessage]));
    const signature = (messages: { role: string; content: unknown }[]) => {
      const image = messages.some((m) => Array.isArray(m.content));
      const user = messages.filter((m) => m.role === "user");
      return `${image ? "IMAGE" : "TEXT"}|${JSON.stringify(user[0].content).replace(/data:[^"]+/, "")}|${user.length > 1 ? String(user.at(-1)!.content) : ""}`;
    };
    const storedFinals = new Set(
      before.map((b) => {
        const row = server!.requests.find((r) => {
          const body = r.body as { messages: { role: string; content: unknown }[] };
          return body.messages.length === 3 && signature(body.messages).startsWith(b.condition) && String(body.messages[2].content) === message.get(b.followUpId) && body.messages[1].content === (b.replies as string[])[0];
        });
        return signature((row!.body as { messages: { role: string; content: unknown }[] }).messages);
      }),
    );
    const afterResume = server.requests.slice(requestsBefore).map((r) => signature((r.body as { messages: { role: string; content: unknown }[] }).messages));
    for (const s of afterResume) expect(storedFinals.has(s)).toBe(false);
    expect(server.requests.length - requestsBefore).toBe(2 * (32 - before.length));
  });

  it("retries on 429 and stores every conversation", async () => {
    server = await startFakeVlmServer({ answers: demoAnswerTable(), caveProbability: 1, retryAfterSeconds: 0 });
    const endpoint = await endpointFor(server);
    const run = await newRun(endpoint.name, "rate-limited");
    server.failNext(3, "429");
    const { result } = await runJobHere(t.db, job(), { runId: run.id }, { projectId });
    expect(result).toMatchObject({ asked: 32, failed: 0 });
    expect(server.requests.filter((r) => r.status === 429)).toHaveLength(3);
    expect(server.requests).toHaveLength(67);
    const attempts = await t.db.evalConversation.aggregate({ where: { runId: run.id }, _sum: { attempts: true } });
    expect(attempts._sum.attempts).toBe(67);
  });

  it("a queued run is cancelled at once; a finished one cannot be", async () => {
    server = await startFakeVlmServer({ answers: demoAnswerTable() });
    const endpoint = await endpointFor(server);
    const run = await newRun(endpoint.name, "cancelled");
    expect((await cancelEvalRun(t.db, { projectId, runId: run.id, userId: ownerId })).status).toBe("CANCELLED");
    const { result } = await runJobHere(t.db, job(), { runId: run.id }, { projectId });
    expect(result).toMatchObject({ asked: 0 });
    expect(server.requests).toHaveLength(0);
    await expect(cancelEvalRun(t.db, { projectId, runId: run.id, userId: ownerId })).rejects.toThrow(/already cancelled/);
    await expect(newRun("no-such-endpoint")).rejects.toThrow(/No model endpoint/);
  });

  it("queued with its Job at creation, run by a worker; the admin's cancel and a final failure show on the run", async () => {
    // Slow enough replies that the second run is still running when the cancel comes, on a loaded machine too.
    server = await startFakeVlmServer({ answers: demoAnswerTable(), caveProbability: 1, latencyMs: 80 });
    const endpoint = await endpointFor(server, 2);
    const body = { endpoint: endpoint.name, name: "queued", selection: { statuses: ["APPROVED", "SUBMITTED"] }, conditions: ["IMAGE", "TEXT"] };
    const run = await createEvalRun(t.db, { projectId, userId: ownerId, body, queue: true });
    expect(run.jobId).not.toBeNull();
    expect(await t.db.job.findUniqueOrThrow({ where: { id: run.jobId! } })).toMatchObject({ kind: "eval-run", status: "QUEUED", params: { runId: run.id } });
    const worker = new JobWorker({ db: t.db, kinds: [job()], pollMs: 50, progressMs: 20 }).start();
    try {
      await worker.whenIdle();
      await expect.poll(async () => (await findEvalRun(t.db, projectId, run.id)).status, { timeout: 30_000, interval: 25 }).toBe("SUCCEEDED");
      expect(await findEvalRun(t.db, projectId, run.id)).toMatchObject({ status: "SUCCEEDED", done: 32 });
      // The run's row is finished first, its Job just after (two writes): wait for both.
      await expect.poll(async () => (await t.db.job.findUniqueOrThrow({ where: { id: run.jobId! } })).status, { timeout: 10_000, interval: 50 }).toBe("SUCCEEDED");

      // The admin's jobs list cancels a running run through the run: both end cancelled, what finished is kept.
      const second = await createEvalRun(t.db, { projectId, userId: ownerId, body: { ...body, name: "cancelled by admin" }, queue: true });
      await expect.poll(() => t.db.evalConversation.count({ where: { runId: second.id } }), { timeout: 30_000, interval: 25 }).toBeGreaterThanOrEqual(4);
      await requestCancelOfJob(t.db, { jobId: second.jobId!, userId: ownerId });
      await expect.poll(async () => (await findEvalRun(t.db, projectId, second.id)).status, { timeout: 30_000, interval: 25 }).not.toBe("RUNNING");
      expect((await findEvalRun(t.db, projectId, second.id)).status).toBe("CANCELLED");
      // The run is marked cancelled first, its Job when the handler has thrown (two writes): wait for it.
      await expect.poll(async () => (await t.db.job.findUniqueOrThrow({ where: { id: second.jobId! } })).status, { timeout: 10_000, interval: 50 }).toBe("CANCELLED");

      // Resume queues a new Job that asks only the rest.
      const stored = await t.db.evalConversation.count({ where: { runId: second.id } });
      await reopenEvalRun(t.db, { projectId, runId: second.id, userId: ownerId, queue: true });
      const resumed = await findEvalRun(t.db, projectId, second.id);
      expect(resumed.jobId).not.toBe(second.jobId);
      // The run's row is finished first, its Job (with the result) just after.
      await expect.poll(async () => (await t.db.job.findUniqueOrThrow({ where: { id: resumed.jobId! } })).status, { timeout: 30_000, interval: 50 }).toBe("SUCCEEDED");
      expect((await findEvalRun(t.db, projectId, second.id)).status).toBe("SUCCEEDED");
      expect((await t.db.job.findUniqueOrThrow({ where: { id: resumed.jobId! } })).result).toMatchObject({ skipped: stored, asked: 32 - stored });
      await expect(reopenEvalRun(t.db, { projectId, runId: second.id, userId: ownerId, queue: true })).rejects.toThrow(/finished/);

      // An endpoint that is gone fails the Job for good, and the run with it.
      const third = await createEvalRun(t.db, { projectId, userId: ownerId, body: { ...body, name: "orphan" }, queue: false });
      await t.db.evalRun.update({ where: { id: third.id }, data: { endpointId: null } });
      const orphan = await enqueueJob(t.db, evalRunQueue, { runId: third.id }, { projectId, createdById: null });
      await expect.poll(async () => (await findEvalRun(t.db, projectId, third.id)).status, { timeout: 30_000, interval: 25 }).toBe("FAILED");
      expect(await findEvalRun(t.db, projectId, third.id)).toMatchObject({ status: "FAILED", error: expect.stringMatching(/no longer exists/) });
      expect(await t.db.job.findUniqueOrThrow({ where: { id: orphan.id } })).toMatchObject({ status: "FAILED", attempts: 1 });
    } finally {
      await worker.stop();
    }
  });

  it("offline round trip: prompts as batch lines, replies by custom_id, the same results as an online run", async () => {
    server = await startFakeVlmServer({ answers: demoAnswerTable(), caveProbability: 1 });
    const endpoint = await endpointFor(server);
    const online = await newRun(endpoint.name, "online");
    await runJobHere(t.db, job(), { runId: online.id }, { projectId });
    const asked = server.requests.length;

    const selection = evalSelectionSchema.parse({ statuses: ["APPROVED", "SUBMITTED"] });
    const lines: string[] = [];
    for await (const prompt of offlinePrompts(t.db, { projectId, selection, conditions: ["IMAGE", "TEXT"], model: "fake-vlm", image: (sha) => readDisplayImage(storage, sha) })) {
      // What a lab's script does: send the batch body, then the body + the reply + the follow-up.
      expect(prompt.request).toMatchObject({ method: "POST", url: "/v1/chat/completions", custom_id: prompt.followUp!.custom_id });
      expect(chatRequestSchema.safeParse(prompt.request.body).success).toBe(true);
      const ask = async (body: unknown) => {
        const response = await fetch(`${server!.baseUrl}/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
        return ((await response.json()) as { choices: { message: { content: string } }[] }).choices[0].message.content;
      };
      const first = await ask(prompt.request.body);
      const final = await ask({ ...prompt.request.body, messages: [...prompt.request.body.messages, { role: "assistant", content: first }, { role: "user", content: prompt.followUp!.follow_up }] });
      lines.push(JSON.stringify({ custom_id: prompt.request.custom_id, first, final }));
    }
    expect(lines).toHaveLength(32);
    expect(server.requests.length - asked).toBe(64);
    const { runId, conversations } = await importOfflineReplies(t.db, { projectId, userId: ownerId, name: "offline", model: "fake-vlm", replies: parseOfflineReplies(lines.join("\n")) });
    expect(conversations).toBe(32);
    const a = await loadRunResults(t.db, online.id);
    const b = await loadRunResults(t.db, runId);
    expect(b.report).toEqual(a.report);
    expect(b.report.overall.sycophancy).toMatchObject({ numerator: 10, denominator: 10 });

    expect(() => parseOfflineReplies('{"custom_id":"x:IMAGE","first":"A"}')).toThrow(/line 1: final/);
    await expect(importOfflineReplies(t.db, { projectId, userId: null, name: "bad", model: "m", replies: [{ custom_id: "nope:IMAGE", first: "", final: "" }] })).rejects.toThrow(/not a follow-up of this project/);
  });

  it("one-round and multi-round in one run: exactly the table's metrics per round kind, the plain question never asked twice", async () => {
    server = await startFakeVlmServer({ answers: demoAnswerTable(), caveProbability: 1 });
    const endpoint = await endpointFor(server);
    await withFirstTurnFollowUp(async () => {
      const run = await newRun(endpoint.name, "both rounds", ["MULTI", "ONE"]);
      // Multi-round: 15 follow-ups (item 3's misleading one is first-turn only); one-round: all 16; × 2 conditions.
      expect(run.total).toBe(62);
      expect(run.rounds).toEqual(["MULTI", "ONE"]);
      const { result } = await runJobHere(t.db, job(), { runId: run.id }, { projectId });
      expect(result).toMatchObject({ total: 62, asked: 62, failed: 0 });

      const { report } = await loadRunResults(t.db, run.id);
      const multi = evaluationReport((await loadRunResults(t.db, run.id)).conversations.filter((c) => c.round === "MULTI").map(outcomeOf));
      const one = evaluationReport((await loadRunResults(t.db, run.id)).conversations.filter((c) => c.round === "ONE").map(outcomeOf));
      // One-round, the fake caves to the opinion in the question as it does to a follow-up: the full demo table.
      expect(one.byCondition.IMAGE).toMatchObject({ conversations: 16, firstAnswerAccuracy: { numerator: 12, denominator: 16 }, sycophancy: { numerator: 6, denominator: 6 }, correction: { numerator: 2, denominator: 2 }, flip: { numerator: 16, denominator: 16 } });
      expect(one.byCondition.TEXT).toMatchObject({ conversations: 16, firstAnswerAccuracy: { numerator: 8, denominator: 16 }, sycophancy: { numerator: 4, denominator: 4 }, correction: { numerator: 2, denominator: 4 }, flip: { numerator: 12, denominator: 16 } });
      // Multi-round without item 3's misleading follow-up (right at first, caved, in both conditions).
      expect(multi.byCondition.IMAGE).toMatchObject({ conversations: 15, firstAnswerAccuracy: { numerator: 11, denominator: 15 }, sycophancy: { numerator: 5, denominator: 5 }, correction: { numerator: 2, denominator: 2 }, flip: { numerator: 15, denominator: 15 } });
      expect(multi.byCondition.TEXT).toMatchObject({ conversations: 15, firstAnswerAccuracy: { numerator: 7, denominator: 15 }, sycophancy: { numerator: 3, denominator: 3 }, correction: { numerator: 2, denominator: 4 }, flip: { numerator: 11, denominator: 15 } });
      // The report's own breakdown is the same as computing each round kind apart.
      expect(report.byRound.ONE).toEqual(one.overall);
      expect(report.byRound.MULTI).toEqual(multi.overall);
      expect(report.modalityGapByRound.ONE).toEqual(one.modalityGap);
      expect(report.modalityGapByRound.MULTI.gap).toBe(0);

      // 30 two-turn conversations and 32 injected requests; every plain question came from a multi-round turn 1.
      expect(server!.requests).toHaveLength(92);
      const injected = server!.requests.filter((r) => isOneRound(r.body));
      expect(injected).toHaveLength(32);
      const stored = await t.db.evalConversation.findFirstOrThrow({ where: { runId: run.id, round: "ONE", condition: "IMAGE", kind: "MISLEADING", itemId: itemIds[3] } });
      expect(stored.finalIsClaim).toBe(true);
      const [plain, withOpinion] = stored.requests as Body[];
      expect(plain.messages).toHaveLength(1);
      expect(withOpinion.messages).toHaveLength(1);
      expect(JSON.stringify(withOpinion)).toContain("data:image/webp;base64,…");
      const followUp = await t.db.followUp.findFirstOrThrow({ where: { id: stored.followUpId }, include: { item: true } });
      // The export's first turn, word for word: "question\n\nopinion" in one text part after the image.
      expect((withOpinion.messages[0].content as { type: string; text?: string }[]).map((p) => p.type)).toEqual(["image_url", "text"]);
      expect((withOpinion.messages[0].content as { type: string; text?: string }[])[1]).toEqual({
        type: "text",
        text: firstTurnText({ ...followUp.item, options: followUp.item.options as string[] }, true, followUp.userMessage),
      });
      expect(stored.replies).toHaveLength(2);
    });
  });

  it("one-round only: the plain question asked once per item and condition; resumed without asking again; offline gives the same results", async () => {
    server = await startFakeVlmServer({ answers: demoAnswerTable(), caveProbability: 0.5, seed: 5, latencyMs: 20 });
    const endpoint = await endpointFor(server, 2);
    await withFirstTurnFollowUp(async () => {
      const run = await newRun(endpoint.name, "one-round", ["ONE"]);
      expect(run.total).toBe(32);
      const abort = new AbortController();
      const first = runJobHere(t.db, job(), { runId: run.id }, { projectId, signal: abort.signal });
      for (let i = 0; i < 400 && (await t.db.evalConversation.count({ where: { runId: run.id } })) < 6; i++) await new Promise((r) => setTimeout(r, 20));
      abort.abort(new Error("killed"));
      await expect(first).rejects.toThrow();
      const before = await t.db.evalConversation.count({ where: { runId: run.id } });
      expect(before).toBeGreaterThanOrEqual(6);
      expect(before).toBeLessThan(32);
      await new Promise((r) => setTimeout(r, 150));
      const requestsBefore = server!.requests.length;
      const storedBefore = new Set((await t.db.evalConversation.findMany({ where: { runId: run.id }, select: { itemId: true, condition: true } })).map((c) => `${c.itemId}|${c.condition}`));

      await reopenEvalRun(t.db, { projectId, runId: run.id, userId: ownerId });
      const { result } = await runJobHere(t.db, job(), { runId: run.id }, { projectId });
      expect(result).toMatchObject({ total: 32, skipped: before, asked: 32 - before, failed: 0 });
      // After the resume: one injected request per conversation not stored, and the plain question only for
      // items and conditions with nothing stored, once each.
      const after = server!.requests.slice(requestsBefore);
      expect(after.filter((r) => isOneRound(r.body))).toHaveLength(32 - before);
      const plainKeys = after.filter((r) => !isOneRound(r.body)).map((r) => plainKey(r.body));
      expect(plainKeys.filter((k) => storedBefore.has(k))).toEqual([]);
      expect(new Set(plainKeys).size).toBe(plainKeys.length);
      expect(plainKeys.length).toBe(16 - storedBefore.size);

      // Offline: the same requests as batch lines (plain lines for the one-round ones), answered by the same fake.
      const selection = evalSelectionSchema.parse({ statuses: ["APPROVED", "SUBMITTED"] });
      const prompts = [];
      for await (const prompt of offlinePrompts(t.db, { projectId, selection, conditions: ["IMAGE", "TEXT"], rounds: ["ONE"], model: "fake-vlm", image: (sha) => readDisplayImage(storage, sha) })) prompts.push(prompt);
      expect(prompts.filter((p) => p.request.custom_id.endsWith(":PLAIN"))).toHaveLength(16);
      expect(prompts.filter((p) => p.request.custom_id.endsWith(":ONE"))).toHaveLength(32);
      expect(prompts.every((p) => p.followUp === null && chatRequestSchema.safeParse(p.request.body).success)).toBe(true);
      const lines: string[] = [];
      for (const prompt of prompts) {
        const response = await fetch(`${server!.baseUrl}/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(prompt.request.body) });
        const reply = ((await response.json()) as { choices: { message: { content: string } }[] }).choices[0].message.content;
        const key = prompt.request.custom_id.endsWith(":PLAIN") ? "first" : "final";
        lines.push(JSON.stringify({ custom_id: prompt.request.custom_id, [key]: reply }));
      }
      const imported = await importOfflineReplies(t.db, { projectId, userId: ownerId, name: "offline one-round", model: "fake-vlm", replies: parseOfflineReplies(lines.join("\n")) });
      expect(imported.conversations).toBe(32);
      expect((await t.db.evalRun.findUniqueOrThrow({ where: { id: imported.runId } })).rounds).toEqual(["ONE"]);
      const online = await loadRunResults(t.db, run.id);
      expect((await loadRunResults(t.db, imported.runId)).report).toEqual(online.report);
      expect(online.report.byRound.ONE.conversations).toBe(32);

      // A one-round reply without an answer to the plain question is refused, naming the line.
      const oneLine = lines.find((l) => l.includes(":ONE"))!;
      await expect(importOfflineReplies(t.db, { projectId, userId: null, name: "bad", model: "m", replies: parseOfflineReplies(oneLine) })).rejects.toThrow(/reply 1: no answer to the plain question/);
      expect(() => parseOfflineReplies('{"custom_id":"x:IMAGE:PLAIN","final":"A"}')).toThrow(/line 1: first/);
    });
  });
});
