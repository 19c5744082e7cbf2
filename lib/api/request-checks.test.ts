import { describe, expect, it } from "vitest";
import { assertContentType, assertSameOrigin, bodyRules, bodyTooLargeIn, checkWrite } from "./request-checks";

const env = {};
const cookie = "next-auth.session-token=abc";
const headers = (h: Record<string, string>) => new Headers(h);
const status = (fn: () => unknown) => {
  try {
    fn();
    return 200;
  } catch (error) {
    return (error as { status?: number }).status ?? 500;
  }
};

describe("assertSameOrigin", () => {
  it("lets same-origin browser writes through", () => {
    expect(status(() => assertSameOrigin(headers({ cookie, host: "srt.lab:3000", origin: "http://srt.lab:3000", "sec-fetch-site": "same-origin" }), env))).toBe(200);
    expect(status(() => assertSameOrigin(headers({ cookie, host: "srt.lab:3000", origin: "http://srt.lab:3000" }), env))).toBe(200);
    expect(status(() => assertSameOrigin(headers({ cookie, host: "srt.lab:3000", "sec-fetch-site": "same-origin" }), env))).toBe(200);
  });

  it("refuses another origin, another port, the same site, a null origin and a missing one", () => {
    expect(status(() => assertSameOrigin(headers({ cookie, host: "srt.lab:3000", origin: "https://evil.example" }), env))).toBe(403);
    expect(status(() => assertSameOrigin(headers({ cookie, host: "srt.lab:3000", origin: "http://srt.lab:3001" }), env))).toBe(403);
    expect(status(() => assertSameOrigin(headers({ cookie, host: "srt.lab:3000", "sec-fetch-site": "same-site" }), env))).toBe(403);
    expect(status(() => assertSameOrigin(headers({ cookie, host: "srt.lab:3000", "sec-fetch-site": "cross-site", origin: "http://srt.lab:3000" }), env))).toBe(403);
    expect(status(() => assertSameOrigin(headers({ cookie, host: "srt.lab:3000", origin: "null" }), env))).toBe(403);
    expect(status(() => assertSameOrigin(headers({ cookie, host: "srt.lab:3000" }), env))).toBe(403);
  });

  it("does not check requests without cookies (API tokens, anonymous)", () => {
    expect(status(() => assertSameOrigin(headers({ authorization: "Bearer srt_x", cookie, origin: "https://evil.example" }), env))).toBe(200);
    expect(status(() => assertSameOrigin(headers({ origin: "https://evil.example" }), env))).toBe(200);
  });

  it("trusts X-Forwarded-Host only behind a configured proxy; NEXTAUTH_URL's host is ours", () => {
    const h = headers({ cookie, host: "127.0.0.1:3000", "x-forwarded-host": "srt.lab.org", origin: "https://srt.lab.org" });
    expect(status(() => assertSameOrigin(h, {}))).toBe(403);
    expect(status(() => assertSameOrigin(h, { TRUST_PROXY: "1" }))).toBe(200);
    expect(status(() => assertSameOrigin(headers({ cookie, host: "127.0.0.1:3000", origin: "https://srt.lab.org" }), { NEXTAUTH_URL: "https://srt.lab.org" }))).toBe(200);
  });
});

describe("assertContentType and the body limit", () => {
  const post = (h: Record<string, string>, body?: BodyInit) => new Request("http://srt.lab/x", { method: "POST", headers: h, body });

  it("JSON routes refuse form and text bodies (415) and take an empty body", () => {
    expect(status(() => assertContentType(post({ "content-type": "text/plain" }, "{}"), bodyRules.json()))).toBe(415);
    expect(status(() => assertContentType(post({ "content-type": "application/x-www-form-urlencoded" }, "a=1"), bodyRules.json()))).toBe(415);
    expect(status(() => assertContentType(post({ "content-type": "application/json; charset=utf-8" }, "{}"), bodyRules.json()))).toBe(200);
    expect(status(() => assertContentType(post({}), bodyRules.json()))).toBe(200);
  });

  it("bodyless routes refuse a typed body (415) and any byte (413)", () => {
    expect(status(() => assertContentType(post({ "content-type": "text/plain" }, "x"), bodyRules.none))).toBe(415);
    expect(status(() => checkWrite(post({ "content-length": "1" }, new Blob([new Uint8Array([1])])), bodyRules.none, env))).toBe(413);
  });

  it("answers 413 from Content-Length before reading, and while streaming past the limit", async () => {
    expect(status(() => checkWrite(post({ "content-type": "application/json", "content-length": String(10 * 1024 * 1024) }), bodyRules.json(), env))).toBe(413);
    const stream = new ReadableStream({
      pull(controller) {
        controller.enqueue(new Uint8Array(64 * 1024));
      },
    });
    const chunked = new Request("http://srt.lab/x", { method: "POST", headers: { "content-type": "application/json" }, body: stream, duplex: "half" } as RequestInit);
    const limited = checkWrite(chunked, bodyRules.json(1024 * 1024), env);
    const error = await limited.text().then(() => null, (e: unknown) => e);
    expect(bodyTooLargeIn(error)?.status).toBe(413);
  });
});
