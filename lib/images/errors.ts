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

/** What each code means in plain words (the reason when there is nothing more precise to say). */
export const IMAGE_REJECT_WORDS: Record<ImageRejectCode, string> = {
  EMPTY: "the file is empty",
  TOO_MANY_BYTES: "the file is too large",
  TOO_MANY_PIXELS: "the image has too many pixels",
  SVG_REFUSED: "SVG is not accepted; convert it to PNG",
  UNSUPPORTED_FORMAT: "this image format is not supported",
  NOT_AN_IMAGE: "the file is not an image",
  CORRUPT: "the file is truncated or corrupt",
};

/**
 * A file that is not an acceptable image: 422 on `file`, with `rejectCode` (why) in its details.
 * Expected, per-file and never fatal for a batch.
 */
export class ImageRejected extends DomainError {
  constructor(
    readonly rejectCode: ImageRejectCode,
    /** For people, in words ("the file is truncated or corrupt"). */
    readonly reason: string = IMAGE_REJECT_WORDS[rejectCode],
    readonly filename = "",
    /** The decoder's own message ("VipsJpeg: premature end of JPEG image"), for a tooltip or a log. */
    readonly detail?: string,
  ) {
    super("UNPROCESSABLE", `${filename ? `${filename}: ` : ""}${reason}${detail ? ` (${detail})` : ""}`, {
      field: "file",
      details: { rejectCode, ...(detail ? { detail } : {}) },
    });
  }
}

export function isImageRejected(error: unknown): error is ImageRejected {
  return error instanceof ImageRejected;
}
