// The OpenAI chat-completions wire format, as far as we use it: the request we build and the reply we
// accept. These servers keep no state, so every turn resends the whole conversation.
import { z } from "zod";
import type { ModelEndpoint } from "./endpoint";

export const textPartSchema = z.object({ type: z.literal("text"), text: z.string() });
export const imagePartSchema = z.object({
  type: z.literal("image_url"),
  image_url: z.object({
    url: z.string().regex(/^(?:data:image\/[a-z0-9.+-]+;base64,[A-Za-z0-9+/=]+|https?:\/\/\S+)$/, "a base64 data URL of an image or an http(s) URL"),
    detail: z.enum(["auto", "low", "high"]).optional(),
  }),
});
export const contentPartSchema = z.discriminatedUnion("type", [textPartSchema, imagePartSchema]);
export type ContentPart = z.infer<typeof contentPartSchema>;

export const chatMessageSchema = z.discriminatedUnion("role", [
  z.object({ role: z.literal("system"), content: z.string() }),
  z.object({ role: z.literal("user"), content: z.union([z.string(), z.array(contentPartSchema).min(1)]) }),
  z.object({ role: z.literal("assistant"), content: z.string() }),
]);
export type ChatMessage = z.infer<typeof chatMessageSchema>;

/** The request body of POST /chat/completions. */
export const chatRequestSchema = z.object({
  model: z.string().min(1),
  messages: z.array(chatMessageSchema).min(1),
  temperature: z.number().min(0).max(2).optional(),
  max_tokens: z.number().int().positive().optional(),
  stream: z.literal(false).optional(),
});
export type ChatRequest = z.infer<typeof chatRequestSchema>;

export interface ImageInput {
  /** e.g. image/png, image/jpeg, image/webp. */
  mimeType: string;
  data: Uint8Array;
}

// An image is sent in both turns of every conversation about it: its data URL is built once per image
// object (base64 of a display image is ~100 KB of work per request otherwise).
const dataUrls = new WeakMap<ImageInput, string>();

export function imageDataUrl(image: ImageInput): string {
  let url = dataUrls.get(image);
  if (url === undefined) {
    url = `data:${image.mimeType};base64,${Buffer.from(image.data).toString("base64")}`;
    dataUrls.set(image, url);
  }
  return url;
}

/** A user turn: the text, and the image (as a base64 data URL part) when there is one. */
export function userMessage(text: string, image?: ImageInput | null): ChatMessage {
  if (!image) return { role: "user", content: text };
  return {
    role: "user",
    content: [
      { type: "image_url", image_url: { url: imageDataUrl(image) } },
      { type: "text", text },
    ],
  };
}

/** The body for one turn: the endpoint's system prompt (if any) first, then the whole conversation so far. */
export function buildChatRequest(
  endpoint: Pick<ModelEndpoint, "model" | "temperature" | "maxTokens" | "systemPrompt">,
  conversation: ChatMessage[],
): ChatRequest {
  const system: ChatMessage[] = endpoint.systemPrompt ? [{ role: "system", content: endpoint.systemPrompt }] : [];
  return {
    model: endpoint.model,
    messages: [...system, ...conversation],
    temperature: endpoint.temperature,
    max_tokens: endpoint.maxTokens,
    stream: false,
  };
}

const usageSchema = z.object({
  prompt_tokens: z.number().int().nonnegative(),
  completion_tokens: z.number().int().nonnegative(),
  total_tokens: z.number().int().nonnegative().optional(),
});

/** A reply; lenient about what we do not read (servers add their own fields). */
export const chatResponseSchema = z.object({
  model: z.string().optional(),
  choices: z
    .array(
      z.object({
        message: z.object({
          // Some servers send null content with a refusal or tool call; we need text.
          content: z.string({ error: "no text in the reply" }),
        }),
        finish_reason: z.string().nullish(),
      }),
    )
    .min(1, "no choices in the reply"),
  usage: usageSchema.nullish(),
});

export interface TokenUsage {
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
}

export interface ChatReply {
  content: string;
  finishReason: string | null;
  /** null when the server does not report usage. */
  usage: TokenUsage | null;
  model: string | null;
}

/** The parsed reply, or a description of what is wrong with it. */
export function parseChatResponse(body: unknown): { ok: true; reply: ChatReply } | { ok: false; problem: string } {
  const parsed = chatResponseSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue.path.length === 0 ? "" : `${issue.path.join(".")}: `;
    return { ok: false, problem: `${where}${issue.message}` };
  }
  const choice = parsed.data.choices[0];
  const usage = parsed.data.usage;
  return {
    ok: true,
    reply: {
      content: choice.message.content,
      finishReason: choice.finish_reason ?? null,
      usage: usage
        ? {
            promptTokens: usage.prompt_tokens,
            completionTokens: usage.completion_tokens,
            totalTokens: usage.total_tokens ?? usage.prompt_tokens + usage.completion_tokens,
          }
        : null,
      model: parsed.data.model ?? null,
    },
  };
}

export function addUsage(a: TokenUsage | null, b: TokenUsage | null): TokenUsage | null {
  if (!a) return b;
  if (!b) return a;
  return {
    promptTokens: a.promptTokens + b.promptTokens,
    completionTokens: a.completionTokens + b.completionTokens,
    totalTokens: a.totalTokens + b.totalTokens,
  };
}
