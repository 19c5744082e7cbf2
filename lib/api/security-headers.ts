// The security headers of every page (set by proxy.ts) and every response (next.config.js headers()).

/** Headers every response carries: no framing, no MIME sniffing, no full URLs leaked to other sites. */
export const STATIC_SECURITY_HEADERS: Record<string, string> = {
  "X-Frame-Options": "DENY",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "same-origin",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
};

/** A fresh nonce for one page response (16 random bytes, base64). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export interface CspOptions {
  /** Development builds need eval for React's debugging; production never gets it. */
  dev?: boolean;
  /** Origins a form may post to or be redirected to (the OIDC issuer for single sign-on). */
  formActionOrigins?: string[];
}

/**
 * The page's Content-Security-Policy: scripts only with this response's nonce (Next.js adds it to its
 * own scripts when it reads the policy from the request) and what they load ('strict-dynamic');
 * styles from this site (plus inline style attributes React writes); no plugins, no framing.
 */
export function contentSecurityPolicy(nonce: string, options: CspOptions = {}): string {
  const formAction = ["'self'", ...(options.formActionOrigins ?? [])].join(" ");
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${options.dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' blob: data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action ${formAction}`,
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The OIDC issuer's origin, when single sign-on is configured (sign-in forms are redirected there). */
export function oidcOrigins(env: Record<string, string | undefined> = process.env): string[] {
  if (!env.OIDC_ISSUER) return [];
  try {
    return [new URL(env.OIDC_ISSUER).origin];
  } catch {
    return [];
  }
}
