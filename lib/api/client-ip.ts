// The client's address, for the per-address sign-in limit. Next.js (`next start`) never exposes the
// socket's address: it copies it into X-Forwarded-For only when the request has none, so a client can
// write any address there. The header is therefore believed only when TRUST_PROXY says how many
// reverse proxies stand in front of the app (each appends the address it received the request from).

type HeaderBag = Headers | Record<string, string | string[] | undefined>;
type Env = Record<string, string | undefined>;

/** How many proxy hops append to X-Forwarded-For (TRUST_PROXY=1 for one nginx); 0 when unset or invalid. */
export function trustedProxyHops(env: Env = process.env): number {
  const raw = env.TRUST_PROXY?.trim().toLowerCase();
  if (!raw || raw === "false" || raw === "0") return 0;
  if (raw === "true") return 1;
  const hops = Number(raw);
  return Number.isInteger(hops) && hops > 0 && hops < 100 ? hops : 0;
}

/**
 * The client's address as the trusted proxies report it: with TRUST_PROXY=n, the n-th address from the
 * right of X-Forwarded-For (what the outermost proxy saw). Null when no proxy is trusted or the header
 * is missing: the address is then unknown, and only the per-email limit applies.
 */
export function clientIp(headers: HeaderBag, env: Env = process.env): string | null {
  const hops = trustedProxyHops(env);
  if (hops === 0) return null;
  const value = headers instanceof Headers ? headers.get("x-forwarded-for") : headers["x-forwarded-for"];
  const list = (Array.isArray(value) ? value.join(",") : (value ?? ""))
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  if (list.length === 0) return null;
  return list[Math.max(0, list.length - hops)];
}
