// What the upload route answers for one file, as the uploader shows it. Types and small helpers only:
// imported by client components too.
import { tooManyBytesReason } from "../limits";

export interface AssetRef {
  id: string;
  filename: string;
  href: string;
}

export interface UploadResultView {
  status: "imported" | "duplicate" | "rejected";
  filename: string;
  /** imported: the new asset; duplicate: the asset that already holds these bytes. */
  asset?: AssetRef & { thumbUrl: string };
  /** imported: earlier assets within the project's near-duplicate threshold, nearest first. */
  nearDuplicates: (AssetRef & { distance: number })[];
  /** rejected: why, for people, and a stable code (lib/images/errors.ts). */
  reason?: string;
  code?: string;
  /** rejected: the decoder's own message, for a tooltip. */
  detail?: string;
}

/** Multipart field names the upload route accepts (one file per request). */
export const UPLOAD_FIELDS = ["file", "source", "license", "attribution"] as const;

/** Longest accepted provenance texts (lib/images/schemas.ts ingestInputSchema). */
export const PROVENANCE_MAX = { source: 500, license: 200, attribution: 500 } as const;

/** The refusal the server would give a file over the size limit, decided before sending it. */
export function tooLargeResult(filename: string, size: number, maxBytes: number): UploadResultView | null {
  if (size <= maxBytes) return null;
  return {
    status: "rejected",
    filename,
    nearDuplicates: [],
    code: "TOO_MANY_BYTES",
    reason: tooManyBytesReason(size, maxBytes),
  };
}
