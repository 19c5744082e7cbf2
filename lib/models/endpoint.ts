// A model endpoint: any OpenAI-compatible chat-completions server with image input (vLLM, Ollama,
// llama.cpp's llama-server, LM Studio, OpenAI). These settings are what a person enters; the API key is
// kept encrypted at rest (./secret) and never sent back to the browser.
import { z } from "zod";

export const ENDPOINT_LIMITS = {
  name: 80,
  baseUrl: 500,
  model: 200,
  apiKey: 1_000,
  systemPrompt: 4_000,
} as const;

const httpUrl = z
  .string()
  .trim()
  .max(ENDPOINT_LIMITS.baseUrl, `at most ${ENDPOINT_LIMITS.baseUrl} characters`)
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === "http:" || url.protocol === "https:") && url.search === "" && url.hash === "";
    } catch {
      return false;
    }
  }, "an http(s) URL without query, e.g. http://localhost:8000/v1")
  // "…/v1/" and "…/v1" are the same server; requests go to `${baseUrl}/chat/completions`.
  .transform((value) => value.replace(/\/+$/, ""));

export const modelEndpointSchema = z.object({
  name: z.string().trim().min(1, "give the endpoint a name").max(ENDPOINT_LIMITS.name, `at most ${ENDPOINT_LIMITS.name} characters`),
  baseUrl: httpUrl,
  model: z.string().trim().min(1, "the model name the server knows, e.g. Qwen/Qwen2-VL-7B-Instruct").max(ENDPOINT_LIMITS.model),
  /** Sent as `Authorization: Bearer …` when set; blank means none. */
  apiKey: z
    .string()
    .trim()
    .max(ENDPOINT_LIMITS.apiKey)
    .nullish()
    .transform((value) => (value ? value : null)),
  /** 0 by default: evaluations must be repeatable. */
  temperature: z.number().min(0).max(2).default(0),
  maxTokens: z.number().int().min(1).max(32_768).default(512),
  /** Per request, one attempt. */
  timeoutMs: z.number().int().min(100).max(600_000).default(60_000),
  maxConcurrent: z.number().int().min(1).max(64).default(4),
  systemPrompt: z.string().trim().max(ENDPOINT_LIMITS.systemPrompt).default(""),
});
export type ModelEndpointInput = z.input<typeof modelEndpointSchema>;

/**
 * Updating: every setting optional (a partial object: defaults do not apply, so nothing unsent changes);
 * a blank or absent apiKey keeps the stored one, clearApiKey removes it.
 */
const fields = modelEndpointSchema.shape;
export const updateEndpointSchema = z
  .object({
    name: fields.name.optional(),
    baseUrl: fields.baseUrl.optional(),
    model: fields.model.optional(),
    apiKey: fields.apiKey,
    temperature: fields.temperature.unwrap().optional(),
    maxTokens: fields.maxTokens.unwrap().optional(),
    timeoutMs: fields.timeoutMs.unwrap().optional(),
    maxConcurrent: fields.maxConcurrent.unwrap().optional(),
    systemPrompt: fields.systemPrompt.unwrap().optional(),
    clearApiKey: z.boolean().default(false),
  })
  .refine((v) => !(v.clearApiKey && v.apiKey), { message: "either a new API key or clearApiKey, not both", path: ["apiKey"] });
export type UpdateEndpointInput = z.input<typeof updateEndpointSchema>;
export type ModelEndpoint = z.output<typeof modelEndpointSchema>;

export function chatCompletionsUrl(endpoint: Pick<ModelEndpoint, "baseUrl">): string {
  return `${endpoint.baseUrl}/chat/completions`;
}
