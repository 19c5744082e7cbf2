// A stored ModelEndpoint row as the chat client's settings, its API key decrypted — on the server only,
// when a request is about to be made.
import { modelEndpointSchema, type ModelEndpoint } from "./endpoint";
import { decryptSecret } from "./secret";

export interface EndpointRow {
  id: string;
  name: string;
  baseUrl: string;
  model: string;
  apiKeyCipher: string | null;
  temperature: number;
  maxTokens: number;
  timeoutMs: number;
  maxConcurrent: number;
  systemPrompt: string;
}

/** The key is bound to the row's id (lib/models/secret context). */
export function endpointSettings(row: EndpointRow): ModelEndpoint {
  return modelEndpointSchema.parse({
    name: row.name,
    baseUrl: row.baseUrl,
    model: row.model,
    apiKey: row.apiKeyCipher ? decryptSecret(row.apiKeyCipher, { context: row.id }) : null,
    temperature: row.temperature,
    maxTokens: row.maxTokens,
    timeoutMs: row.timeoutMs,
    maxConcurrent: row.maxConcurrent,
    systemPrompt: row.systemPrompt,
  });
}
