import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authenticate } from "@/lib/auth/credentials";
import { safeRedirectUrl } from "@/lib/auth/redirects";
import { currentSessionVersion } from "@/lib/auth/sessions";
import { RateLimitedError } from "@/lib/auth/errors";
import { authSecret } from "@/lib/auth/secret";
import { getDb } from "@/lib/db/client";
import { clientIp } from "./client-ip";
import { oidcProviders } from "./oidc";

export const SESSION_MAX_AGE_S = 7 * 24 * 3600;

// Without NEXTAUTH_URL, next-auth would build its URLs (sign-out, /api/auth/signin redirects) on
// http://localhost:3000. Told to trust the host, it uses the request's Host (Next.js copies it to
// X-Forwarded-Host; behind a proxy, set TRUST_PROXY and have the proxy send X-Forwarded-Host/-Proto).
if (!process.env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST ??= "true";

export const authOptions: NextAuthOptions = {
  secret: authSecret(),
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: "/signin" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        try {
          return await authenticate(getDb(), credentials ?? {}, clientIp(req.headers ?? {}));
        } catch (error) {
          if (error instanceof RateLimitedError) throw new Error(error.message);
          throw error;
        }
      },
    }),
    ...oidcProviders(),
  ],
  callbacks: {
    // After sign-in or sign-out, only URLs of this site (never a backslash path like /%5Cevil.example).
    async redirect({ url, baseUrl }) {
      return safeRedirectUrl(url, baseUrl);
    },
    async signIn({ user, account }) {
      if (account?.type !== "oauth") return true;
      // Single sign-on only for accounts an admin created: the email must match an enabled user.
      const known = user.email
        ? await getDb().user.findUnique({ where: { email: user.email.toLowerCase() }, select: { disabled: true } })
        : null;
      return !!known && !known.disabled;
    },
    async jwt({ token, user, account }) {
      if (user && account?.type === "oauth" && user.email) {
        const known = await getDb().user.findUnique({ where: { email: user.email.toLowerCase() }, select: { id: true } });
        token.uid = known?.id;
      } else if (user) {
        token.uid = user.id;
      }
      // A new session records the user's session version: ending sessions bumps it (lib/auth/sessions.ts).
      if (user && token.uid) token.sv = (await currentSessionVersion(getDb(), token.uid as string)) ?? 0;
      return token;
    },
    async session({ session, token }) {
      if (session.user) Object.assign(session.user, { id: token.uid as string | undefined, sv: token.sv ?? 0 });
      return session;
    },
  },
};
