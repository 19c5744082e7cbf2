// Where to send someone after signing in: only a path of this site. `/\evil.example`, `/%5Cevil`,
// `\t//evil` and the like look like paths to a prefix check, but browsers read them as another host.

export const DEFAULT_AFTER_SIGN_IN = "/projects";

/**
 * The callback URL as a same-origin path (+ query + hash), or `fallback`: parsed the way browsers parse
 * it (`new URL(callbackUrl, origin)`, which drops tabs and newlines and reads `\` as `/`), then refused
 * unless its origin is `origin`. The path returned never starts with `//` (a host for the browser).
 */
export function safeCallbackPath(callbackUrl: string | null | undefined, origin: string, fallback = DEFAULT_AFTER_SIGN_IN): string {
  if (!callbackUrl) return fallback;
  let base: URL;
  let target: URL;
  try {
    base = new URL(origin);
    target = new URL(callbackUrl, base);
  } catch {
    return fallback;
  }
  if (target.origin !== base.origin) return fallback;
  const path = target.pathname.replace(/^\/+/, "/") + target.search + target.hash;
  return path.startsWith("/") ? path : fallback;
}

/** next-auth's redirect callback: the same rule, answered as an absolute URL on `baseUrl`. */
export function safeRedirectUrl(url: string, baseUrl: string): string {
  return new URL(safeCallbackPath(url, baseUrl), baseUrl).toString();
}
