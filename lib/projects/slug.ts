/** Longest slug slugSchema accepts. */
export const SLUG_MAX = 48;

/**
 * The slug a project name suggests: "MM-SY pilot (v2)" → "mm-sy-pilot-v2". Accents lose their marks, every
 * other run of non-alphanumerics becomes one dash, and the result fits slugSchema (or is empty).
 */
export function slugFromName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, SLUG_MAX + 1)
    .replace(/^-+|-+$/g, "")
    .slice(0, SLUG_MAX)
    .replace(/-+$/, "");
}
