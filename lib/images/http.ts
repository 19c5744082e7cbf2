// HTTP details of serving a project's images: validators, caching and download names. Pure functions.
import { z } from "zod";
import { imageExtension } from "./format";
import { IMAGE_VARIANTS, type ImageVariant } from "./web/urls";

/** Content-addressed: a URL's bytes never change, so browsers may keep them for a year without asking. */
export const IMMUTABLE_CACHE_CONTROL = "private, max-age=31536000, immutable";

export const imageParamsSchema = z.object({
  projectId: z.string().min(1, "required").max(64, "at most 64 characters"),
  sha256: z.string().regex(/^[0-9a-f]{64}$/, "64 lower-case hex digits"),
  variant: z.enum(IMAGE_VARIANTS, { message: `one of ${IMAGE_VARIANTS.join(", ")}` }),
});
export type ImageParams = z.infer<typeof imageParamsSchema>;

/** A strong validator: the content hash and the variant name identify the bytes exactly. */
export function imageEtag(sha256: string, variant: ImageVariant): string {
  return `"${sha256}-${variant}"`;
}

/**
 * Does an If-None-Match header match this ETag? RFC 9110 §13.1.2: `*` matches anything, and the
 * comparison is weak (a W/ prefix on either side is ignored).
 */
export function etagMatches(ifNoneMatch: string | null | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = (tag: string) => tag.trim().replace(/^W\//, "");
  const wanted = opaque(etag);
  return ifNoneMatch.split(",").some((tag) => tag.trim() === "*" || opaque(tag) === wanted);
}

/**
 * A download name made safe for a header and a file system: the last path segment, no control or
 * reserved characters, at most 150 characters; `image-<hash prefix>.<ext>` when nothing is left.
 */
export function safeDownloadName(filename: string, mime: string, sha256: string): string {
  const base = (filename.split(/[\\/]/).pop() ?? "")
    .normalize("NFC")
    .replace(/[\u0000-\u001f\u007f-\u009f"*:<>?|\\/;]/g, "_")
    .replace(/^[\s.]+|[\s.]+$/g, "")
    .slice(0, 150);
  if (base.replace(/_/g, "") !== "") return base;
  return `image-${sha256.slice(0, 12)}.${imageExtension(mime)}`;
}

/**
 * Content-Disposition for an original: an ASCII fallback (non-ASCII characters become `_`) and the
 * exact UTF-8 name in RFC 6266's `filename*`, which browsers prefer.
 */
export function contentDisposition(filename: string, mime: string, sha256: string, disposition: "attachment" | "inline" = "attachment"): string {
  const name = safeDownloadName(filename, mime, sha256);
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/%/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Headers every image response carries (200 and 304 alike). */
export function imageHeaders(variant: ImageVariant, sha256: string): Record<string, string> {
  return {
    "cache-control": IMMUTABLE_CACHE_CONTROL,
    etag: imageEtag(sha256, variant),
    "x-content-type-options": "nosniff",
    // Defence in depth: even if a browser were ever talked into rendering the bytes as a document,
    // it could run nothing and load nothing.
    "content-security-policy": "default-src 'none'; sandbox",
    "cross-origin-resource-policy": "same-origin",
  };
}
