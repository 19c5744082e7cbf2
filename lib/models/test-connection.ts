// "Test connection": one real request with a tiny image, no retries, reporting the reply or the exact
// error (HTTP status, the server's message) and the time it took.
import sharp from "sharp";
import { DomainError } from "../errors";
import { userMessage, type ImageInput } from "./chat";
import { createChatClient } from "./client";
import type { ModelEndpoint } from "./endpoint";
import { ModelHttpError } from "./errors";

export type ConnectionTestResult =
  | { ok: true; reply: string; model: string | null; latencyMs: number; promptTokens: number | null; completionTokens: number | null }
  | { ok: false; httpStatus: number | null; message: string; latencyMs: number };

export const TEST_QUESTION = "What colour is this image? Answer with one word.";

let tinyImage: Promise<ImageInput> | null = null;

/** A 32×32 red square: small, but big enough for servers that refuse images under 28 px. */
export function testImage(): Promise<ImageInput> {
  tinyImage ??= sharp({ create: { width: 32, height: 32, channels: 3, background: { r: 220, g: 38, b: 38 } } })
    .png()
    .toBuffer()
    .then((data) => ({ mimeType: "image/png", data: new Uint8Array(data) }));
  return tinyImage;
}

export async function testConnection(endpoint: ModelEndpoint): Promise<ConnectionTestResult> {
  const client = createChatClient(endpoint, { retry: { maxAttempts: 1 } });
  const started = performance.now();
  try {
    const reply = await client.complete([userMessage(TEST_QUESTION, await testImage())]);
    return {
      ok: true,
      reply: reply.content,
      model: reply.model,
      latencyMs: Math.round(reply.latencyMs),
      promptTokens: reply.usage?.promptTokens ?? null,
      completionTokens: reply.usage?.completionTokens ?? null,
    };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    // With one attempt the client gives up at once: report the failure itself.
    const cause = error.cause instanceof DomainError ? error.cause : error;
    return {
      ok: false,
      httpStatus: cause instanceof ModelHttpError ? cause.httpStatus : null,
      message: cause.message,
      latencyMs: Math.round(performance.now() - started),
    };
  }
}
