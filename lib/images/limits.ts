import { z } from "zod";
import { formatBytes } from "../format";

/** What one image may cost. Checked before any pixel is decoded. */
export interface ImageLimits {
  /** width × height of the (first) frame; larger files are refused from their header. */
  maxPixels: number;
  /** Size of the original file. */
  maxBytes: number;
  /**
   * sharp's `failOn`: "error" refuses truncated and corrupt pixel data but tolerates harmless decoder
   * warnings (which real-world camera JPEGs often trigger); "warning" is stricter.
   */
  failOn: "truncated" | "error" | "warning";
}

export const DEFAULT_IMAGE_LIMITS: ImageLimits = {
  maxPixels: 100_000_000,
  maxBytes: 50 * 1024 * 1024,
  failOn: "error",
};

/** Longest side of the derived images (WebP). */
export const DISPLAY_MAX_SIDE = 2048;
export const THUMBNAIL_MAX_SIDE = 256;

// Encoding the display WebP is most of an ingest's CPU time. Effort 2 gives files within about 1% of
// the default effort 4 on photo-like images and encodes 2–3× faster.
export const DISPLAY_WEBP_OPTIONS = { quality: 82, effort: 2 } as const;
export const THUMBNAIL_WEBP_OPTIONS = { quality: 75, effort: 2 } as const;

const envSchema = z.object({
  IMAGE_MAX_PIXELS: z.coerce.number().int().positive().optional(),
  IMAGE_MAX_BYTES: z.coerce.number().int().positive().optional(),
});

/** Limits with IMAGE_MAX_PIXELS / IMAGE_MAX_BYTES from the environment, when set. */
export function imageLimitsFromEnv(env: Record<string, string | undefined> = process.env): ImageLimits {
  const parsed = envSchema.safeParse({
    IMAGE_MAX_PIXELS: env.IMAGE_MAX_PIXELS || undefined,
    IMAGE_MAX_BYTES: env.IMAGE_MAX_BYTES || undefined,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${issue.path.join(".")}: ${issue.message} (a positive whole number)`);
  }
  return {
    ...DEFAULT_IMAGE_LIMITS,
    ...(parsed.data.IMAGE_MAX_PIXELS ? { maxPixels: parsed.data.IMAGE_MAX_PIXELS } : {}),
    ...(parsed.data.IMAGE_MAX_BYTES ? { maxBytes: parsed.data.IMAGE_MAX_BYTES } : {}),
  };
}

/** Why a file over the byte limit is refused: the same words from the browser (before sending) and the server. */
export function tooManyBytesReason(size: number, maxBytes: number): string {
  return `the file is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit`;
}
