import { describe, expect, it } from "vitest";
import { SignatureCache } from "./counts";

const flush = () => new Promise((r) => setTimeout(r, 0));

describe("SignatureCache", () => {
  it("computes once per signature when waiting, and recomputes when the signature changes", async () => {
    const cache = new SignatureCache();
    let calls = 0;
    const compute = async () => ++calls * 10;
    expect(await cache.get("p", "a", true, compute)).toEqual({ value: 10, stale: false });
    expect(await cache.get("p", "a", true, compute)).toEqual({ value: 10, stale: false });
    expect(await cache.get("p", "b", true, compute)).toEqual({ value: 20, stale: false });
    expect(await cache.get("q", "b", true, compute)).toEqual({ value: 30, stale: false });
    expect(calls).toBe(3);
  });

  it("without waiting: null at first, then the value; the previous value (stale) while a new one is computed", async () => {
    const cache = new SignatureCache();
    let release!: () => void;
    let calls = 0;
    const slow = (value: number) => async () => {
      calls++;
      await new Promise<void>((r) => (release = r));
      return value;
    };
    expect(await cache.get("p", "a", false, slow(5))).toEqual({ value: null, stale: false });
    expect(await cache.get("p", "a", false, slow(5))).toEqual({ value: null, stale: false });
    expect(calls).toBe(1);
    release();
    await flush();
    expect(await cache.get("p", "a", false, slow(5))).toEqual({ value: 5, stale: false });
    expect(await cache.get("p", "b", false, slow(7))).toEqual({ value: 5, stale: true });
    expect(await cache.get("p", "b", false, slow(7))).toEqual({ value: 5, stale: true });
    release();
    await flush();
    expect(await cache.get("p", "b", false, slow(7))).toEqual({ value: 7, stale: false });
    expect(calls).toBe(2);
  });

  it("a failed computation is retried by the next request and keeps the last good value", async () => {
    const cache = new SignatureCache();
    await cache.get("p", "a", true, async () => 1);
    await expect(cache.get("p", "b", true, async () => Promise.reject(new Error("db down")))).rejects.toThrow("db down");
    expect(await cache.get("p", "b", false, async () => Promise.reject(new Error("again")))).toEqual({ value: 1, stale: true });
    await flush();
    expect(await cache.get("p", "b", true, async () => 2)).toEqual({ value: 2, stale: false });
  });
});
