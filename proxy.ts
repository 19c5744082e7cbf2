import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { authSecret } from "@/lib/auth/secret";

/**
 * First line of defence for pages: no valid session cookie → the sign-in page. Pages, actions and
 * routes still check the user and role on the server themselves (a proxy can be bypassed by mistakes).
 */
export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request, secret: authSecret() });
  if (token) return NextResponse.next();
  const signIn = new URL("/signin", request.url);
  signIn.searchParams.set("callbackUrl", request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.redirect(signIn);
}

export const config = {
  // Everything except the sign-in page, APIs (they answer 401 themselves), Next's assets and the public
  // files (icons and the web manifest, fetched by the browser without a session).
  matcher: ["/((?!signin|api/|_next/|favicon\\.ico|icon\\.svg|icon-\\d+\\.png|apple-touch-icon\\.png|manifest\\.webmanifest|robots\\.txt).*)"],
};
