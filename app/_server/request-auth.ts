import { decode } from "next-auth/jwt";
import { loadSessionUser } from "@/lib/auth/credentials";
import { authSecret } from "@/lib/auth/secret";
import type { SessionUser } from "@/lib/auth/roles";
import { verifyApiToken } from "@/lib/auth/tokens";
import type { Db } from "@/lib/db/client";

const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

function readCookie(header: string | null, name: string): string | undefined {
  for (const part of header?.split(";") ?? []) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}

/**
 * The user behind a request: a personal access token (Authorization: Bearer srt_…) or the browser's
 * session cookie. Works on a plain Request, so route handlers can be called directly in tests.
 */
export async function authenticateRequest(db: Db, request: Request): Promise<SessionUser | null> {
  const authorization = request.headers.get("authorization");
  if (authorization?.toLowerCase().startsWith("bearer ")) {
    return verifyApiToken(db, authorization.slice(7).trim());
  }
  const cookieHeader = request.headers.get("cookie");
  for (const name of SESSION_COOKIES) {
    const token = readCookie(cookieHeader, name);
    if (!token) continue;
    try {
      const payload = await decode({ token, secret: authSecret() });
      return loadSessionUser(db, payload?.uid as string | undefined, payload?.sv ?? null);
    } catch {
      return null;
    }
  }
  return null;
}
