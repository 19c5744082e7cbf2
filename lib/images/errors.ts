import { DomainError } from "../errors";

/** Why an image was refused. Stable codes for the API and reports; `reason` is for people. */
export type ImageRejectCode =
  | "EMPTY"
  | "TOO_MANY_BYTES"
  | "TOO_MANY_PIXELS"
  | "SVG_REFUSED"
  | "UNSUPPORTED_FORMAT"
  | "NOT_AN_IMAGE"
  | "CORRUPT";

/**
 * A file that is not an acceptable image: 422 on `file`, with `rejectCode` (why) in its details.
 * Expected, per-file and never fatal for a batch.
 */
export class ImageRejected extends DomainError {
  constructor(
    readonly rejectCode: ImageRejectCode,
    readonly reason: string,
    readonly filename = "",
  ) {
    super("UNPROCESSABLE", filename ? `${filename}: ${reason}` : reason, { field: "file", details: { rejectCode } });
  }
}

export function isImageRejected(error: unknown): error is ImageRejected {
  return error instanceof ImageRejected;
}
