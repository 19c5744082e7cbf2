import { trustedProxyHops } from "./client-ip";

type HeaderGetter = Pick<Headers, "get">;
const first = (value: string | null) => value?.split(",")[0].trim() || null;

/**
 * This site's origin as the browser sees it: NEXTAUTH_URL when set; otherwise the request's Host (and,
 * behind TRUST_PROXY, X-Forwarded-Host / X-Forwarded-Proto, which only a trusted proxy may set).
 */
export function requestOrigin(headers: HeaderGetter, env: Record<string, string | undefined> = process.env): string {
  if (env.NEXTAUTH_URL) {
    try {
      return new URL(env.NEXTAUTH_URL).origin;
    } catch {
      // fall through to the request
    }
  }
  const trusted = trustedProxyHops(env) > 0;
  const host = (trusted && first(headers.get("x-forwarded-host"))) || headers.get("host") || "localhost";
  const proto = (trusted && first(headers.get("x-forwarded-proto"))) === "https" ? "https" : "http";
  return `${proto}://${host}`;
}
