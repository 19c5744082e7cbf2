// Server side of a web upload: read one multipart request within the size limit, validate its fields,
// and describe the ingest result for the uploader. Web-standard Request/FormData, no Next.js.
// (The browser side, lib/images/web/, shares only the result's shape with it.)
import { z } from "zod";
import { BodyTooLarge, fieldError, limitBody, tooLargeOf } from "../api/http";
import type { Db } from "../db/client";
import type { IngestResult } from "./ingest";
import { ingestInputSchema } from "./schemas";
import { UPLOAD_FIELDS, type UploadResultView } from "./web/upload-result";
import { assetHref, imageUrl } from "./web/urls";

/** Room for the multipart framing and the text fields around the file. */
export const MULTIPART_OVERHEAD = 64 * 1024;

/** A field-named 400 for a body that is not a multipart form. */
const badBody = (message: string) => fieldError("body", message);

/**
 * The request's multipart form, reading at most `maxFileBytes` + MULTIPART_OVERHEAD bytes: a larger
 * body is refused (BodyTooLarge on `file`) from its Content-Length before anything is read, or as soon
 * as it grows too large.
 */
export async function readUploadForm(request: Request, maxFileBytes: number): Promise<FormData> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data;\s*boundary=/i.test(contentType)) throw badBody("expected multipart/form-data with one file");
  const limited = limitBody(request, maxFileBytes + MULTIPART_OVERHEAD, () => new BodyTooLarge(maxFileBytes, "file"));
  if (!limited.body) throw badBody("empty");
  try {
    return await limited.formData();
  } catch (error) {
    const tooLarge = tooLargeOf(error);
    if (tooLarge) throw tooLarge;
    throw badBody(`not a readable multipart form (${error instanceof Error ? error.message : String(error)})`);
  }
}

const isFile = (value: unknown): value is File =>
  typeof value === "object" && value !== null && typeof (value as Blob).arrayBuffer === "function" && typeof (value as File).name === "string";

const provenance = ingestInputSchema.shape;

export const uploadFieldsSchema = z.object({
  file: z.custom<File>(isFile, {
    error: (issue) =>
      Array.isArray(issue.input) ? "one file per request" : issue.input === undefined ? "required: an image file" : "must be a file, not text",
  }),
  source: provenance.source,
  license: provenance.license,
  attribution: provenance.attribution,
});
export type UploadFields = z.infer<typeof uploadFieldsSchema>;

/** The form's fields validated; repeated names become lists (and are refused). Throws ZodError naming the field. */
export function parseUploadFields(form: FormData): UploadFields {
  const raw: Record<string, unknown> = {};
  for (const [key, value] of form.entries()) raw[key] = key in raw ? ([] as unknown[]).concat(raw[key], value) : value;
  // Unknown names are usually typos ("licence"): refused by name, together with any other problem.
  const unknown: z.core.$ZodIssue[] = Object.keys(raw)
    .filter((key) => !(UPLOAD_FIELDS as readonly string[]).includes(key))
    .map((key) => ({ code: "custom", path: [key], message: `not an upload field (expected ${UPLOAD_FIELDS.join(", ")})`, input: raw[key] }));
  const parsed = uploadFieldsSchema.safeParse(raw);
  if (parsed.success && unknown.length === 0) return parsed.data;
  throw new z.ZodError([...unknown, ...(parsed.success ? [] : parsed.error.issues)]);
}

/** The ingest result with links and the names of the assets it refers to (one query). */
export async function describeIngest(db: Db, result: IngestResult, project: { id: string; slug: string }): Promise<UploadResultView> {
  const view: UploadResultView = { status: result.status, filename: result.filename, nearDuplicates: [] };
  if (result.status === "rejected") return { ...view, reason: result.reason, code: result.code, detail: result.detail };
  const asset = result.asset!;
  view.asset = {
    id: asset.id,
    filename: asset.originalFilename,
    href: assetHref(project.slug, asset.id),
    thumbUrl: imageUrl(project.id, asset.sha256, "thumb"),
  };
  if (result.nearDuplicates.length > 0) {
    const rows = await db.asset.findMany({
      where: { id: { in: result.nearDuplicates.map((n) => n.assetId) }, projectId: project.id },
      select: { id: true, originalFilename: true },
    });
    const names = new Map(rows.map((r) => [r.id, r.originalFilename]));
    view.nearDuplicates = result.nearDuplicates.flatMap((n) =>
      names.has(n.assetId) ? [{ id: n.assetId, filename: names.get(n.assetId)!, href: assetHref(project.slug, n.assetId), distance: n.distance }] : [],
    );
  }
  return view;
}

/** HTTP status of an upload's answer: 201 new, 200 already there, 422 refused (never a server error). */
export function uploadStatus(view: UploadResultView): 200 | 201 | 422 {
  return view.status === "imported" ? 201 : view.status === "duplicate" ? 200 : 422;
}
