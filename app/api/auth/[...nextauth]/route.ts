import NextAuth from "next-auth";
import { assertLoginAllowed, loginKeys } from "@/lib/auth/rate-limit";
import { RateLimitedError } from "@/lib/auth/errors";
import { emailSchema } from "@/lib/auth/schemas";
import { getDb } from "@/lib/db/client";
import { authOptions } from "@/app/_server/auth-options";
import { clientIp } from "@/app/_server/client-ip";

const nextAuth = NextAuth(authOptions);

export { nextAuth as GET };

/**
 * Sign-in attempts past the failure limit get a real 429 before next-auth sees them (next-auth itself
 * can only answer 401). The body keeps next-auth's shape, so its client reports error=RateLimited.
 */
export async function POST(request: Request, context: { params: Promise<{ nextauth: string[] }> }) {
  const { nextauth } = await context.params;
  if (nextauth.join("/") === "callback/credentials") {
    const form = new URLSearchParams(await request.clone().text());
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
  return nextAuth(request, context);
}
