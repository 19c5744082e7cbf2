import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { assertContentType, assertSameOrigin, bodyRules, bodyTooLargeIn, limitRequestBody } from "@/lib/api/request-checks";
import { assertLoginAllowed, loginKeys } from "@/lib/auth/rate-limit";
import { RateLimitedError } from "@/lib/auth/errors";
import { emailSchema } from "@/lib/auth/schemas";
import { getDb } from "@/lib/db/client";
import { authOptions } from "@/app/_server/auth-options";
import { clientIp } from "@/app/_server/client-ip";
import { errorResponse } from "@/app/_server/define-route";

const nextAuth = NextAuth(authOptions);

export { nextAuth as GET };

/** next-auth's forms (sign-in, sign-out, CSRF token): small url-encoded bodies, never more than 64 KB. */
const AUTH_BODY = bodyRules.of(["application/x-www-form-urlencoded", "application/json"], 64 * 1024);

/**
 * next-auth's POSTs, read here first within AUTH_BODY (413/415 before next-auth reads anything: an
 * anonymous 500 MB POST must not grow the server), then replayed to next-auth from the bytes read.
 * Sign-in attempts past the failure limit get a real 429 before next-auth sees them (next-auth itself
 * can only answer 401). The body keeps next-auth's shape, so its client reports error=RateLimited.
 * Like every write, a browser POST from another origin is refused (next-auth's CSRF token also guards it).
 */
async function handlePost(request: NextRequest, context: { params: Promise<{ nextauth: string[] }> }) {
  let text: string;
  try {
    assertSameOrigin(request.headers);
    assertContentType(request, AUTH_BODY);
    text = await limitRequestBody(request, AUTH_BODY).text();
  } catch (error) {
    return errorResponse(bodyTooLargeIn(error) ?? error);
  }
  const headers = new Headers(request.headers);
  headers.delete("content-length");
  const replay = new NextRequest(request.url, { method: "POST", headers, body: text });

  const { nextauth } = await context.params;
  if (nextauth.join("/") === "callback/credentials") {
    const form = new URLSearchParams(text);
    const email = emailSchema.safeParse(form.get("email") ?? "");
    try {
      await assertLoginAllowed(getDb(), loginKeys(email.success ? email.data : "", clientIp(request.headers)));
    } catch (error) {
      if (!(error instanceof RateLimitedError)) throw error;
      const url = new URL("/signin?error=RateLimited", request.url).toString();
      return Response.json(
        { url, error: "RateLimited", message: error.message },
        { status: 429, headers: { "retry-after": String(error.retryAfterSeconds) } },
      );
    }
  }
  return nextAuth(replay, context);
}

export const POST = Object.assign(handlePost, { body: AUTH_BODY });
