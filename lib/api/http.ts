// Small, framework-free helpers for the REST API: query strings and JSON bodies validated with zod so that
// every 400 names the field (an unknown parameter is named too), and request bodies read within a limit.
import { z } from "zod";

/** A 400 that names the field, in the shape every route answers with ({error, issues[{field, message}]}). */
export function fieldError(field: string, message: string): z.ZodError {
  return new z.ZodError([{ code: "custom", path: field ? field.split(".") : [], message, input: undefined }]);
}

/** zod reports unknown keys as one issue on the object; the API names each key instead. */
export function nameUnknownKeys(error: z.ZodError, expected: readonly string[] = []): z.ZodError {
  const issues = error.issues.flatMap((issue): z.core.$ZodIssue[] => {
    if (issue.code !== "unrecognized_keys") return [issue];
    const hint = expected.length > 0 ? ` (expected ${expected.join(", ")})` : "";
    return issue.keys.map((key) => ({ code: "custom", path: [...issue.path, key], message: `unknown field${hint}`, input: undefined }));
  });
  return new z.ZodError(issues);
}

function keysOf(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

/** Validates input with the schema; a ZodError names every bad field, unknown ones included. */
export function parseWith<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw nameUnknownKeys(result.error, keysOf(schema));
}

/** The URL's query string, validated (a repeated parameter is an error on that parameter). */
export function parseQuery<S extends z.ZodType>(schema: S, url: string | URL): z.output<S> {
  const params = new URL(url).searchParams;
  const raw: Record<string, string | string[]> = {};
  for (const [key, value] of params) raw[key] = key in raw ? ([] as string[]).concat(raw[key], value) : value;
  return parseWith(schema, raw);
}

export class BodyTooLarge extends Error {
  override readonly name = "BodyTooLarge";
  constructor(readonly limit: number) {
    super(`body: larger than the ${Math.round(limit / 1024 / 1024)} MB limit of this endpoint`);
  }
}

/**
 * The request body as a Request that can be parsed once (formData(), text(), json()), refused with
 * BodyTooLarge from its Content-Length, or as soon as more than `maxBytes` arrive.
 */
export function limitBody(request: Request, maxBytes: number): Request {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw new BodyTooLarge(maxBytes);
  if (!request.body) return request;
  let received = 0;
  const body = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        if (received > maxBytes) controller.error(new BodyTooLarge(maxBytes));
        else controller.enqueue(chunk);
      },
    }),
  );
  return new Request(request.url, { method: request.method, headers: request.headers, body, duplex: "half" } as RequestInit);
}

/** A JSON object body (an empty body is {}); anything else is a 400 on `body`. */
export async function readJsonObject(request: Request, maxBytes = 1024 * 1024): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await limitBody(request, maxBytes).text();
  } catch (error) {
    if (error instanceof BodyTooLarge || (error as { cause?: unknown })?.cause instanceof BodyTooLarge) throw new BodyTooLarge(maxBytes);
    throw error;
  }
  if (text.trim() === "") return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw fieldError("body", `not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw fieldError("body", "must be a JSON object");
  return value as Record<string, unknown>;
}

/** A media type without its parameters, lower case ("multipart/form-data"). */
export function mediaType(request: Request): string {
  return (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
}
