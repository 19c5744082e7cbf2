import { describe, expect, it } from "vitest";
import { clientIp, trustedProxyHops } from "./client-ip";

describe("clientIp", () => {
  it("ignores X-Forwarded-For and X-Real-IP unless TRUST_PROXY names the hops (anyone can send them)", () => {
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.7" }), {})).toBeNull();
    expect(clientIp({ "x-real-ip": "203.0.113.7" }, {})).toBeNull();
    expect(clientIp(new Headers({ "x-forwarded-for": "203.0.113.7" }), { TRUST_PROXY: "0" })).toBeNull();
  });

  it("takes the address the outermost trusted proxy saw, not one the client prepended", () => {
    const forged = new Headers({ "x-forwarded-for": "10.9.9.9, 198.51.100.4" });
    expect(clientIp(forged, { TRUST_PROXY: "1" })).toBe("198.51.100.4");
    expect(clientIp(new Headers({ "x-forwarded-for": "10.9.9.9, 198.51.100.4, 192.168.0.2" }), { TRUST_PROXY: "2" })).toBe("198.51.100.4");
    expect(clientIp({ "x-forwarded-for": ["198.51.100.4"] }, { TRUST_PROXY: "3" })).toBe("198.51.100.4");
    expect(clientIp(new Headers(), { TRUST_PROXY: "1" })).toBeNull();
  });

  it("reads TRUST_PROXY as a hop count", () => {
    expect([undefined, "", "false", "0", "x", "-1"].map((v) => trustedProxyHops({ TRUST_PROXY: v }))).toEqual([0, 0, 0, 0, 0, 0]);
    expect(trustedProxyHops({ TRUST_PROXY: "true" })).toBe(1);
    expect(trustedProxyHops({ TRUST_PROXY: "2" })).toBe(2);
  });
});
