// A small real HTTP server that speaks the OpenAI chat-completions protocol and behaves like a sycophantic
// vision-language model, for tests, benches and e2e:
//   node_modules/.bin/tsx lib/models/testing/fake-vlm-server.ts --port 8901 [--latency 200] [--cave 0.5] [--seed 1] [--answers table.json]
//
// - First turns are answered from a table: the first entry whose `question` occurs in the first user
//   message's text (the test controls the questions); unknown questions get "I am not sure.".
// - A later turn (a follow-up: pushback) caves to the entry's `caved` answer with a set probability;
//   otherwise it keeps its first answer. The draw is seeded by the seed and the conversation's text, so
//   a conversation gets the same answer however requests interleave, and runs repeat exactly. With `pushback: PUSHBACK_PHRASES` (or
//   any pattern) only a last user message that matches it counts as pushback ("I'm sure", "Are you sure").
//   Caving probabilities may differ with and without an image (the modality gap).
// - One-round injection: a single user message whose text goes on after the question's block (the question
//   and its option lines) with a paragraph that is not the evaluation's "Answer with…" line — the shape
//   the export and the evaluation write, "question\n\nopinion" — is a question with pushback in it: that
//   paragraph is the pushback, and the reply caves with the same seeded probability. Otherwise it is a
//   plain question.
// - `failNext(n, "429" | "500" | "hang")` makes the next n requests fail; `latencyMs` delays every reply.
// - Every request body is recorded; bodies that are not chat-completions requests get a 400.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { ANSWER_LINES, endsWithAnswerForm } from "../../eval/answer-form";
import { seededRandom } from "../../random/seeded";
import { chatRequestSchema, type ChatMessage, type ChatRequest } from "../chat";

export interface FakeAnswer {
  /** Text the first user message contains. */
  question: string;
  /** The first answer, with the image. */
  answer: string;
  /** The answer after caving to pushback. */
  caved: string;
  /** The first answer in a text-only conversation (no image part); `answer` when not given. */
  textAnswer?: string;
}

export type FakeFailure = "429" | "500" | "hang";

export interface FakeVlmOptions {
  answers?: FakeAnswer[];
  /** Chance of caving to pushback, with and without an image (a number sets both). */
  caveProbability?: number | { image: number; text: number };
  seed?: number;
  latencyMs?: number;
  /** Sent with 429s. */
  retryAfterSeconds?: number;
  /** What counts as pushback in a later turn: "any" (the default) or a pattern the last user message must match. */
  pushback?: RegExp | "any";
  host?: string;
  port?: number;
}

export interface RecordedRequest {
  body: unknown;
  headers: http.IncomingHttpHeaders;
  /** What was answered: 200, 400, 429, 500, or 0 for a hang. */
  status: number;
}

export const PUSHBACK_PHRASES =
  /\b(?:i'?m (?:quite |very |absolutely )?sure|are you sure|i am (?:quite |very )?sure|(?:quite |very )?certain|that'?s (?:not right|wrong|incorrect)|not right|wrong|incorrect|look again|count again|check again|actually)\b/i;

export interface FakeVlmServer {
  url: string;
  /** The base URL an endpoint uses: `${url}/v1`. */
  baseUrl: string;
  requests: RecordedRequest[];
  answers: FakeAnswer[];
  latencyMs: number;
  caveProbability: { image: number; text: number };
  /** The most requests that were open at once (arrived, not yet answered). */
  peakInFlight: number;
  failNext(count: number, failure: FakeFailure): void;
  close(): Promise<void>;
}

const textOf = (message: ChatMessage | undefined): string => {
  if (!message) return "";
  if (typeof message.content === "string") return message.content;
  return message.content.map((p) => (p.type === "text" ? p.text : "")).join("\n");
};
/**
 * A one-round question's opinion: what follows the question's block (the question and its option lines,
 * then a blank line) in the first user message's text, less the plain question's "Answer with…" line;
 * null when nothing does.
 */
/**
 * For tests counting requests: a one-round request is one user message (after any system prompt) that
 * does not end with the plain question's answer-form line.
 */
export function isOneRoundRequest(body: unknown): boolean {
  const users = (body as ChatRequest).messages.filter((m) => m.role !== "system");
  return users.length === 1 && users[0].role === "user" && !endsWithAnswerForm(textOf(users[0]));
}

export function opinionAfterQuestion(text: string, question: string): string | null {
  const at = text.indexOf(question);
  if (at < 0) return null;
  const paragraphs = text.slice(at + question.length).split(/\n\s*\n/).slice(1);
  const opinion = paragraphs.map((p) => p.trim()).filter((p) => p !== "" && !ANSWER_LINES.has(p)).join("\n\n");
  return opinion === "" ? null : opinion;
}
const hasImage = (messages: ChatMessage[]) =>
  messages.some((m) => m.role === "user" && typeof m.content !== "string" && m.content.some((p) => p.type === "image_url"));
/** A rough token count: a word ≈ 1.3 tokens, an image 85 (OpenAI's low-detail price). */
const tokens = (text: string) => Math.ceil(text.split(/\s+/).filter(Boolean).length * 1.3);

/** A number in [0, 1) fixed by the seed and the conversation (its texts, and whether it has an image). */
function drawFor(seed: number, messages: ChatMessage[]): number {
  let hash = 0x811c9dc5 ^ seed; // FNV-1a
  const text = `${hasImage(messages) ? "image" : "text"}\u0000${messages.map((m) => `${m.role}:${textOf(m)}`).join("\u0000")}`;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return seededRandom(hash >>> 0)();
}

export async function startFakeVlmServer(options: FakeVlmOptions = {}): Promise<FakeVlmServer> {
  const seed = options.seed ?? 1;
  const pushback = options.pushback ?? "any";
  const cave = options.caveProbability ?? 0;
  const failures: FakeFailure[] = [];
  const hanging = new Set<http.ServerResponse>();

  const state: Omit<FakeVlmServer, "url" | "baseUrl" | "close"> = {
    requests: [],
    answers: [...(options.answers ?? [])],
    latencyMs: options.latencyMs ?? 0,
    peakInFlight: 0,
    caveProbability: typeof cave === "number" ? { image: cave, text: cave } : cave,
    failNext(count, failure) {
      for (let i = 0; i < count; i++) failures.push(failure);
    },
  };

  function reply(request: ChatRequest): string {
    const users = request.messages.filter((m) => m.role === "user");
    const first = textOf(users[0]);
    const entry = state.answers.find((a) => first.includes(a.question));
    if (!entry) return "I am not sure.";
    const image = hasImage(request.messages);
    const initial = image ? entry.answer : (entry.textAnswer ?? entry.answer);
    // The pushback: a later user turn, or the opinion after the question in a one-round question.
    const opinion = users.length >= 2 ? textOf(users.at(-1)) : opinionAfterQuestion(first, entry.question);
    if (opinion === null) return initial;
    if (pushback !== "any" && !pushback.test(opinion)) return initial;
    const chance = image ? state.caveProbability.image : state.caveProbability.text;
    return drawFor(seed, request.messages) < chance ? entry.caved : initial;
  }

  function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
    const text = JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), ...headers });
    res.end(text);
  }

  let inFlight = 0;
  const server = http.createServer((req, res) => {
    inFlight++;
    state.peakInFlight = Math.max(state.peakInFlight, inFlight);
    res.on("close", () => inFlight--);
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      let body: unknown = raw;
      try {
        body = JSON.parse(raw);
      } catch {
        // recorded as text, answered 400 below
      }
      const record: RecordedRequest = { body, headers: req.headers, status: 0 };
      state.requests.push(record);
      const answer = (status: number, payload: unknown, headers?: Record<string, string>) => {
        record.status = status;
        const go = () => send(res, status, payload, headers);
        if (state.latencyMs > 0) setTimeout(go, state.latencyMs);
        else go();
      };

      if (req.method !== "POST" || !req.url?.replace(/\/+$/, "").endsWith("/chat/completions")) {
        return answer(404, { error: { message: `No route ${req.method} ${req.url}`, type: "not_found" } });
      }
      const failure = failures.shift();
      if (failure === "hang") {
        hanging.add(res);
        res.on("close", () => hanging.delete(res));
        return;
      }
      if (failure === "429") {
        return answer(429, { error: { message: "Rate limit reached, slow down.", type: "rate_limit" } }, {
          "retry-after": String(options.retryAfterSeconds ?? 0),
        });
      }
      if (failure === "500") return answer(500, { error: { message: "The fake model crashed.", type: "server_error" } });

      const parsed = chatRequestSchema.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        return answer(400, {
          error: { message: `Invalid request: ${issue.path.join(".") || "body"}: ${issue.message}`, type: "invalid_request_error" },
        });
      }
      const request = parsed.data;
      const content = reply(request);
      const promptTokens =
        request.messages.reduce((n, m) => n + tokens(textOf(m)), 0) +
        85 * request.messages.filter((m) => typeof m.content !== "string" && m.content.some((p) => p.type === "image_url")).length;
      const completionTokens = tokens(content);
      answer(200, {
        id: `chatcmpl-fake-${state.requests.length}`,
        object: "chat.completion",
        created: Math.floor(Date.now() / 1000),
        model: request.model,
        choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
        usage: { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens },
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", () => resolve());
  });
  const address = server.address() as AddressInfo;
  const url = `http://${address.address}:${address.port}`;
  return Object.assign(state, {
    url,
    baseUrl: `${url}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  });
}

async function main() {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "8901" },
      host: { type: "string", default: "127.0.0.1" },
      latency: { type: "string", default: "0" },
      cave: { type: "string", default: "0.5" },
      seed: { type: "string", default: "1" },
      answers: { type: "string" },
    },
  });
  const fs = await import("node:fs");
  const answers = values.answers ? (JSON.parse(fs.readFileSync(values.answers, "utf8")) as FakeAnswer[]) : [];
  const server = await startFakeVlmServer({
    port: Number(values.port),
    host: values.host,
    latencyMs: Number(values.latency),
    caveProbability: Number(values.cave),
    seed: Number(values.seed),
    answers,
  });
  console.log(`Fake VLM listening: base URL ${server.baseUrl} (${answers.length} answers; cave probability ${values.cave})`);
  const stop = () => void server.close().then(() => process.exit(0));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) void main();
