// The chat client against a real HTTP server speaking the OpenAI protocol (the fake sycophantic VLM).
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { seededRandom } from "../random/seeded";
import { chatRequestSchema, userMessage } from "./chat";
import { createChatClient } from "./client";
import { modelEndpointSchema, type ModelEndpointInput } from "./endpoint";
import { ModelGaveUpError, ModelHttpError, ModelReplyError, ModelTimeoutError, ModelUnreachableError } from "./errors";
import { startFakeVlmServer, type FakeVlmServer } from "./testing/fake-vlm-server";

const PNG = { mimeType: "image/png", data: new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]) };
const fast = { baseDelayMs: 5, maxDelayMs: 50 };

let server: FakeVlmServer;
beforeEach(async () => {
  server = await startFakeVlmServer({
    answers: [{ question: "How many red circles?", answer: "3", caved: "5" }],
    caveProbability: 1,
  });
});
afterEach(() => server.close());

const endpoint = (over: Partial<ModelEndpointInput> = {}) =>
  modelEndpointSchema.parse({ name: "fake", baseUrl: server.baseUrl, model: "fake-vlm", timeoutMs: 2_000, ...over });

describe("chat client against the fake VLM", () => {
  it("sends an OpenAI chat-completions body with the image as a data URL and reads the answer and usage", async () => {
    const client = createChatClient(endpoint({ apiKey: "sk-test", systemPrompt: "Answer briefly." }));
    const reply = await client.complete([userMessage("How many red circles?", PNG)]);
    expect(reply).toMatchObject({ content: "3", finishReason: "stop", model: "fake-vlm", attempts: 1 });
    expect(reply.usage!.promptTokens).toBeGreaterThan(85);
    expect(reply.usage!.totalTokens).toBe(reply.usage!.promptTokens + reply.usage!.completionTokens);
    expect(server.requests).toHaveLength(1);
    const { body, headers } = server.requests[0];
    expect(chatRequestSchema.safeParse(body).success).toBe(true);
    expect(headers.authorization).toBe("Bearer sk-test");
    expect(body).toMatchObject({
      model: "fake-vlm",
      temperature: 0,
      messages: [
        { role: "system", content: "Answer briefly." },
        { role: "user", content: [{ type: "image_url", image_url: { url: expect.stringMatching(/^data:image\/png;base64,iVBORw0KGgo=$/) } }, { type: "text", text: "How many red circles?" }] },
      ],
    });
  });

  it("the fake answers 400 with its reason to a body that is not a chat-completions request", async () => {
    const res = await fetch(`${server.baseUrl}/chat/completions`, {
      method: "POST",
      body: JSON.stringify({ model: "m", messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "not-a-url" } }] }] }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/messages\.0\.content/);
  });

  it("the fake answers 400 to a body that is not JSON and 404 off its route, and records both", async () => {
    const notJson = await fetch(`${server.baseUrl}/chat/completions`, { method: "POST", body: "hello" });
    expect(notJson.status).toBe(400);
    const elsewhere = await fetch(`${server.baseUrl}/completions`, { method: "POST", body: "{}" });
    expect(elsewhere.status).toBe(404);
    expect(server.requests.map((r) => [r.status, r.body])).toEqual([[400, "hello"], [404, {}]]);
  });

  it("retries on 429 and 500 and then succeeds", async () => {
    server.failNext(1, "429");
    server.failNext(1, "500");
    const client = createChatClient(endpoint(), { retry: fast, random: seededRandom(1) });
    const reply = await client.complete([userMessage("How many red circles?", PNG)]);
    expect(reply).toMatchObject({ content: "3", attempts: 3 });
    expect(server.requests.map((r) => r.status)).toEqual([429, 500, 200]);
  });

  it("honours Retry-After on 429", async () => {
    await server.close();
    server = await startFakeVlmServer({ retryAfterSeconds: 0.3 });
    server.failNext(1, "429");
    const waits: number[] = [];
    const client = createChatClient(endpoint(), {
      retry: { ...fast, maxDelayMs: 5_000 },
      sleep: (ms) => (waits.push(ms), Promise.resolve()),
    });
    await client.complete([userMessage("anything")]);
    expect(waits).toEqual([300]);
  });

  it("gives up after the bound with the server's error text", async () => {
    server.failNext(10, "500");
    const client = createChatClient(endpoint(), { retry: { ...fast, maxAttempts: 3 } });
    const error = await client.complete([userMessage("How many red circles?")]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelGaveUpError);
    expect((error as ModelGaveUpError).lastError).toBeInstanceOf(ModelHttpError);
    expect((error as ModelGaveUpError).message).toBe(`Gave up after 3 attempts. The model server at ${server.baseUrl}/chat/completions answered HTTP 500: The fake model crashed.`);
    expect((error as ModelGaveUpError).status).toBe(503);
    expect(server.requests).toHaveLength(3);
  });

  it("times out a hanging request and retries it", async () => {
    server.failNext(1, "hang");
    // 1 s: the retry must answer within the timeout also on a loaded machine, or it is a third attempt.
    const client = createChatClient(endpoint({ timeoutMs: 1000 }), { retry: fast });
    const started = performance.now();
    const reply = await client.complete([userMessage("How many red circles?")]);
    expect(reply).toMatchObject({ content: "3", attempts: 2 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(990);

    server.failNext(2, "hang");
    const error = await createChatClient(endpoint({ timeoutMs: 150 }), { retry: { ...fast, maxAttempts: 2 } })
      .complete([userMessage("x")])
      .catch((e: unknown) => e);
    expect((error as ModelGaveUpError).lastError).toBeInstanceOf(ModelTimeoutError);
    expect((error as Error).message).toMatch(/did not answer within 150 ms/);
  });

  it("does not retry a 4xx other than 429, and says what the server said", async () => {
    const client = createChatClient(endpoint(), { retry: fast });
    const bad = await client.complete([{ role: "user", content: [] as never }]).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ModelHttpError);
    expect((bad as ModelHttpError).httpStatus).toBe(400);
    expect((bad as Error).message).toMatch(/answered HTTP 400: Invalid request: messages\.0\.content/);
    expect(server.requests).toHaveLength(1);
  });

  it("reports a reply that is not a chat completion, and an unreachable server", async () => {
    const odd = http.createServer((_req, res) => res.end('{"choices":[]}'));
    await new Promise<void>((r) => odd.listen(0, "127.0.0.1", r));
    const port = (odd.address() as AddressInfo).port;
    try {
      const client = createChatClient(endpoint({ baseUrl: `http://127.0.0.1:${port}/v1` }));
      const error = await client.complete([userMessage("x")]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ModelReplyError);
      expect((error as Error).message).toMatch(/not a chat completion: choices: no choices in the reply/);
    } finally {
      await new Promise((r) => odd.close(r));
    }
    const gone = createChatClient(endpoint({ baseUrl: `http://127.0.0.1:${port}/v1` }), { retry: { ...fast, maxAttempts: 2 } });
    const error = await gone.complete([userMessage("x")]).catch((e: unknown) => e);
    expect((error as ModelGaveUpError).lastError).toBeInstanceOf(ModelUnreachableError);
    expect((error as Error).message).toMatch(/Cannot reach the model server .*ECONNREFUSED/);
  });

  it("keeps to the endpoint's max concurrent requests", async () => {
    server.latencyMs = 50;
    const client = createChatClient(endpoint({ maxConcurrent: 3 }));
    const started = performance.now();
    await Promise.all(Array.from({ length: 9 }, () => client.complete([userMessage("How many red circles?")])));
    // 9 requests of 50 ms, 3 at a time: three waves.
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    expect(server.requests).toHaveLength(9);
    expect(server.peakInFlight).toBe(3);
  });
});
