import { describe, expect, it } from "vitest";
import nextConfig from "../../next.config.js";
import { contentSecurityPolicy, newNonce, oidcOrigins, STATIC_SECURITY_HEADERS } from "./security-headers";

describe("security headers", () => {
  it("next.config.js sends exactly the static headers on every path", async () => {
    const rules = await (nextConfig as { headers: () => Promise<{ source: string; headers: { key: string; value: string }[] }[]> }).headers();
    const all = rules.find((r) => r.source === "/:path*");
    expect(Object.fromEntries(all!.headers.map((h) => [h.key, h.value]))).toEqual(STATIC_SECURITY_HEADERS);
  });

  it("the page policy allows scripts only by nonce, no eval in production, no framing", () => {
    const nonce = newNonce();
    expect(nonce).not.toBe(newNonce());
    const csp = contentSecurityPolicy(nonce);
    expect(csp).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(contentSecurityPolicy(nonce, { dev: true })).toContain("'unsafe-eval'");
  });

  it("lets sign-in forms go to the OIDC issuer only when one is configured", () => {
    expect(oidcOrigins({})).toEqual([]);
    expect(oidcOrigins({ OIDC_ISSUER: "https://login.lab.org/realms/srt" })).toEqual(["https://login.lab.org"]);
    expect(contentSecurityPolicy("n", { formActionOrigins: ["https://login.lab.org"] })).toContain("form-action 'self' https://login.lab.org");
  });
});
