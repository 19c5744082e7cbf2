// The checks every state-changing request passes before a handler sees it: same origin for browser
// (cookie) requests, an allowed content type, and a body read within a declared limit. Framework-free:
// route handlers (defineRoute), server actions (defineAction) and next-auth's POST use the same code.
import { DomainError, ForbiddenError } from "../errors";
import { trustedProxyHops } from "./client-ip";
import { BodyTooLarge, limitBody, mediaType, tooLargeOf } from "./http";

/** What a write route accepts: the media types of its body (none: no body at all) and the most bytes it reads. */
export interface BodyRule {
  types: readonly string[];
  /** A number, or a function for limits read from the environment at request time. */
  maxBytes: number | (() => number);
}

export const JSON_TYPES = ["application/json"] as const;

/** The declared body of common route kinds. */
export const bodyRules = {
  /** No body (a POST or DELETE that only names its target in the URL). */
  none: { types: [], maxBytes: 0 } satisfies BodyRule,
  /** A JSON object of at most `maxBytes` (1 MB by default). */
  json: (maxBytes = 1024 * 1024): BodyRule => ({ types: JSON_TYPES, maxBytes }),
  /** A multipart form (files), or other listed types. */
  of: (types: readonly string[], maxBytes: BodyRule["maxBytes"]): BodyRule => ({ types, maxBytes }),
};

/** Methods that change nothing; everything else is a write and is checked. */
export const SAFE_METHODS = ["GET", "HEAD", "OPTIONS"] as const;
export const isWrite = (method: string) => !(SAFE_METHODS as readonly string[]).includes(method.toUpperCase());

type HeaderGetter = Pick<Headers, "get">;

/** A request made with an API token (Authorization: Bearer): not sent by a browser on its own, so no CSRF. */
export const isBearerRequest = (headers: HeaderGetter) => /^bearer\s/i.test(headers.get("authorization") ?? "");

/**
 * The hosts (host[:port]) this server answers as: the Host header, X-Forwarded-Host when the proxy is
 * trusted (TRUST_PROXY), and NEXTAUTH_URL's host when set.
 */
export function ownHosts(headers: HeaderGetter, env: Record<string, string | undefined> = process.env): string[] {
  const hosts = new Set<string>();
  const host = headers.get("host")?.trim().toLowerCase();
  if (host) hosts.add(host);
  if (trustedProxyHops(env) > 0) {
    const forwarded = headers.get("x-forwarded-host")?.split(",")[0].trim().toLowerCase();
    if (forwarded) hosts.add(forwarded);
  }
  if (env.NEXTAUTH_URL) {
    try {
      hosts.add(new URL(env.NEXTAUTH_URL).host.toLowerCase());
    } catch {
      // a malformed NEXTAUTH_URL adds nothing
    }
  }
  return [...hosts];
}

/**
 * Refuses (403) a browser write that another origin may have caused: Sec-Fetch-Site other than
 * same-origin, an Origin whose host is not this server's, or neither header (every browser since 2020
 * sends at least one on a write). Requests without cookies (Bearer tokens, anonymous) are not checked:
 * a page can only borrow credentials the browser adds by itself. Same-site is not enough: another port or subdomain of this host is another origin.
 */
export function assertSameOrigin(headers: HeaderGetter, env: Record<string, string | undefined> = process.env): void {
  if (isBearerRequest(headers) || !headers.get("cookie")) return;
  const site = headers.get("sec-fetch-site")?.toLowerCase();
  if (site && site !== "same-origin") {
    throw new ForbiddenError(`Refused: a ${site} request may not change anything here (cross-origin write).`, { field: "origin" });
  }
  const origin = headers.get("origin");
  if (origin) {
    let host: string | null = null;
    try {
      host = origin === "null" ? null : new URL(origin).host.toLowerCase();
    } catch {
      host = null;
    }
    if (!host || !ownHosts(headers, env).includes(host)) {
      throw new ForbiddenError("Refused: the request comes from another origin (cross-origin write).", { field: "origin" });
    }
    return;
  }
  if (!site) throw new ForbiddenError("Refused: a browser write must say where it comes from (no Origin header).", { field: "origin" });
}

/** 415 unless the body's media type is one the route accepts (an empty body needs no type). */
export function assertContentType(request: Request, rule: BodyRule): void {
  const length = request.headers.get("content-length");
  const empty = length === "0" || (length === null && request.body === null);
  if (empty) return;
  const type = mediaType(request);
  if (rule.types.length === 0) {
    if (type === "") return; // bodyless routes: the size check below refuses any content
  } else if (rule.types.includes(type)) {
    return;
  }
  const expected = rule.types.length > 0 ? rule.types.join(" or ") : "no body";
  throw new DomainError("UNSUPPORTED_MEDIA_TYPE", `body: ${type || "no content type"} is not accepted here (send ${expected})`, {
    field: "body",
  });
}

/** The request with its body limited to the rule's bytes: 413 at once from Content-Length, or as it streams. */
export function limitRequestBody(request: Request, rule: BodyRule): Request {
  return limitBody(request, typeof rule.maxBytes === "function" ? rule.maxBytes() : rule.maxBytes);
}

/** All checks of a write, in order: origin (403), content type (415), size (413). Returns the limited request. */
export function checkWrite(request: Request, rule: BodyRule, env: Record<string, string | undefined> = process.env): Request {
  assertSameOrigin(request.headers, env);
  assertContentType(request, rule);
  return limitRequestBody(request, rule);
}

/** The BodyTooLarge behind an error (reading a limited stream wraps it as the cause). */
export function bodyTooLargeIn(error: unknown): BodyTooLarge | null {
  return tooLargeOf(error);
}
