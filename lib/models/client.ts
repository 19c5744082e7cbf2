// The chat-completions client: one POST per turn, with the endpoint's timeout per attempt, retries with
// backoff on 429 / 5xx / timeouts / refused connections, and the endpoint's concurrency limit.
import { buildChatRequest, parseChatResponse, type ChatMessage, type ChatReply } from "./chat";
import { chatCompletionsUrl, type ModelEndpoint } from "./endpoint";
import {
  ModelGaveUpError,
  ModelHttpError,
  ModelReplyError,
  ModelRequestError,
  ModelTimeoutError,
  ModelUnreachableError,
} from "./errors";
import { createLimiter, type Limiter } from "./limiter";
import { DEFAULT_RETRY_POLICY, parseRetryAfter, retryDelayMs, type RetryPolicy } from "./retry";

export interface ChatCompletion extends ChatReply {
  /** Wall time of the successful attempt. */
  latencyMs: number;
  /** 1 when the first attempt succeeded. */
  attempts: number;
}

export interface ChatClientOptions {
  retry?: Partial<RetryPolicy>;
  /** Shared with other clients of the same endpoint; by default one of the endpoint's own size. */
  limiter?: Limiter;
  /** For tests: a seeded generator makes the jitter repeatable. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export interface ChatClient {
  readonly endpoint: ModelEndpoint;
  complete(conversation: ChatMessage[], options?: { signal?: AbortSignal }): Promise<ChatCompletion>;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const SERVER_MESSAGE_MAX = 500;

/** The server's own words from an error body: OpenAI's {error: {message}}, {error: "…"}, {message}, or the text. */
export function serverErrorMessage(body: string): string {
  let text = body.trim();
  try {
    const json = JSON.parse(text) as unknown;
    if (json && typeof json === "object") {
      const o = json as { error?: unknown; message?: unknown; detail?: unknown };
      const inner = o.error && typeof o.error === "object" ? (o.error as { message?: unknown }).message : o.error;
      const found = [inner, o.message, o.detail].find((v) => typeof v === "string" && v.trim() !== "");
      if (typeof found === "string") text = found.trim();
    }
  } catch {
    // not JSON: keep the text
  }
  text = text.replace(/\s+/g, " ");
  return text.length > SERVER_MESSAGE_MAX ? `${text.slice(0, SERVER_MESSAGE_MAX)}…` : text;
}

function unreachableReason(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause;
  if (cause && typeof cause.code === "string") return cause.code;
  if (cause && typeof cause.message === "string") return cause.message;
  return error instanceof Error ? error.message : String(error);
}

export function createChatClient(endpoint: ModelEndpoint, options: ChatClientOptions = {}): ChatClient {
  const policy: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const limiter = options.limiter ?? createLimiter(endpoint.maxConcurrent);
  const random = options.random ?? Math.random;
  const sleep = options.sleep ?? defaultSleep;
  const url = chatCompletionsUrl(endpoint);
  const headers: Record<string, string> = { "content-type": "application/json", accept: "application/json" };
  if (endpoint.apiKey) headers.authorization = `Bearer ${endpoint.apiKey}`;

  async function attempt(body: string, signal?: AbortSignal): Promise<Omit<ChatCompletion, "attempts">> {
    const timeout = AbortSignal.timeout(endpoint.timeoutMs);
    const started = performance.now();
    let response: Response;
    let text: string;
    try {
      response = await fetch(url, {
        method: "POST",
        headers,
        body,
        signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
      });
      text = await response.text();
    } catch (error) {
      if (signal?.aborted) throw signal.reason;
      if (timeout.aborted) throw new ModelTimeoutError(url, endpoint.timeoutMs);
      throw new ModelUnreachableError(url, unreachableReason(error), error);
    }
    const latencyMs = performance.now() - started;
    if (!response.ok) {
      throw new ModelHttpError(url, response.status, serverErrorMessage(text), parseRetryAfter(response.headers.get("retry-after")));
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ModelReplyError(url, `not JSON (starts with ${JSON.stringify(text.slice(0, 40))})`);
    }
    const parsed = parseChatResponse(json);
    if (!parsed.ok) throw new ModelReplyError(url, parsed.problem);
    return { ...parsed.reply, latencyMs };
  }

  return {
    endpoint,
    async complete(conversation, { signal } = {}) {
      const body = JSON.stringify(buildChatRequest(endpoint, conversation));
      for (let n = 1; ; n++) {
        try {
          // The slot is held for one attempt only: a request waiting out its backoff lets others through.
          const reply = await limiter.run(() => attempt(body, signal));
          return { ...reply, attempts: n };
        } catch (error) {
          if (!(error instanceof ModelRequestError)) throw error;
          if (!error.retryable) throw error;
          if (n >= policy.maxAttempts) throw new ModelGaveUpError(error, n);
          await sleep(retryDelayMs(policy, n, error.retryAfterMs, random));
          signal?.throwIfAborted();
        }
      }
    },
  };
}
