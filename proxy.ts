import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { contentSecurityPolicy, newNonce, oidcOrigins } from "@/lib/api/security-headers";
import { authSecret } from "@/lib/auth/secret";

/**
 * Every page: a Content-Security-Policy with a fresh nonce (Next.js reads it from the request headers
 * and puts the nonce on its scripts), and the first line of defence: no valid session cookie → the
 * sign-in page. Pages, actions and routes still check the user and role on the server themselves
 * (a proxy can be bypassed by mistakes). The other security headers come from next.config.js.
 */
export async function proxy(request: NextRequest) {
  const nonce = newNonce();
  const csp = contentSecurityPolicy(nonce, { dev: process.env.NODE_ENV !== "production", formActionOrigins: oidcOrigins() });
  const withCsp = (response: NextResponse) => {
    response.headers.set("Content-Security-Policy", csp);
    return response;
  };

  const isSignIn = request.nextUrl.pathname === "/signin" || request.nextUrl.pathname.startsWith("/signin/");
  if (isSignIn || (await getToken({ req: request, secret: authSecret() }))) {
    const headers = new Headers(request.headers);
    headers.set("x-nonce", nonce);
    headers.set("Content-Security-Policy", csp);
    return withCsp(NextResponse.next({ request: { headers } }));
  }
  const signIn = new URL("/signin", request.url);
  signIn.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
  return withCsp(NextResponse.redirect(signIn));
}

export const config = {
  // Every page, the sign-in page included; not the APIs (they answer 401 themselves and send no HTML),
  // Next's assets or the public files (icons and the web manifest, fetched by the browser without a session).
  matcher: ["/((?!api/|_next/static|_next/image|favicon\\.ico|icon\\.svg|icon-\\d+\\.png|apple-touch-icon\\.png|manifest\\.webmanifest|robots\\.txt).*)"],
};
