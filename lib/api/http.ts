// Small, framework-free helpers for the REST API: query strings and JSON bodies validated with zod so that
// every 400 names the field (an unknown parameter is named too), and request bodies read within a limit.
import { z } from "zod";
import { TooLargeError } from "../errors";
import { formatBytes } from "../format";

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

/** A request body (or upload) over the endpoint's limit: 413 naming `body` (or `file`). */
export class BodyTooLarge extends TooLargeError {
  constructor(
    readonly limit: number,
    field: "body" | "file" = "body",
  ) {
    super(field, `The ${field === "file" ? "upload" : "request body"} is over the ${formatBytes(limit)} limit.`);
  }
}

/** The BodyTooLarge behind a failed read: a stream's error reaches the reader as the cause of its TypeError. */
export function tooLargeOf(error: unknown): BodyTooLarge | null {
  if (error instanceof BodyTooLarge) return error;
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause instanceof BodyTooLarge ? cause : null;
}

/** The stream, failing with `tooLarge()` as soon as more than `maxBytes` have passed through it. */
export function limitStream(stream: ReadableStream<Uint8Array>, maxBytes: number, tooLarge: () => Error): ReadableStream<Uint8Array> {
  let received = 0;
  return stream.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        if (received > maxBytes) controller.error(tooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
}

/**
 * The request body as a Request that can be parsed once (formData(), text(), json()), refused with
 * `tooLarge()` (BodyTooLarge by default) from its Content-Length, or as soon as more than `maxBytes` arrive.
 */
export function limitBody(request: Request, maxBytes: number, tooLarge: () => Error = () => new BodyTooLarge(maxBytes)): Request {
  const declared = Number(request.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!request.body) return request;
  const body = limitStream(request.body, maxBytes, tooLarge);
  return new Request(request.url, { method: request.method, headers: request.headers, body, duplex: "half" } as RequestInit);
}

/** A JSON object body (an empty body is {}); anything else is a 400 on `body`. */
export async function readJsonObject(request: Request, maxBytes = 1024 * 1024): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await limitBody(request, maxBytes).text();
  } catch (error) {
    throw tooLargeOf(error) ?? error;
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
