// Addresses of a project's images, shared by server pages, route handlers and client components
// (no Node or Next.js imports). Image URLs are content-addressed: the bytes behind one never change.

export const IMAGE_VARIANTS = ["thumb", "display", "original"] as const;
export type ImageVariant = (typeof IMAGE_VARIANTS)[number];

/** Longest side of each derived variant (lib/images/limits.ts: THUMBNAIL_MAX_SIDE, DISPLAY_MAX_SIDE). */
const MAX_SIDE: Record<Exclude<ImageVariant, "original">, number> = { thumb: 256, display: 2048 };

/** `/api/images/<projectId>/<sha256>/<variant>`: served only to members of the project. */
export function imageUrl(projectId: string, sha256: string, variant: ImageVariant): string {
  return `/api/images/${encodeURIComponent(projectId)}/${sha256}/${variant}`;
}

export function assetHref(slug: string, assetId: string): string {
  return `/projects/${encodeURIComponent(slug)}/assets/${encodeURIComponent(assetId)}`;
}

export function assetsApiUrl(slug: string): string {
  return `/api/projects/${encodeURIComponent(slug)}/assets`;
}

/**
 * The pixel size of a derived variant of a width×height image: scaled down to fit the variant's
 * longest side, never up (for <img width height>, so the page does not jump while images load).
 */
export function variantSize(width: number, height: number, variant: ImageVariant): { width: number; height: number } {
  if (variant === "original" || width <= 0 || height <= 0) return { width, height };
  const scale = Math.min(1, MAX_SIDE[variant] / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
