import { describe, expect, it } from "vitest";
import { createLimiter } from "./limiter";
import { parseRetryAfter, retryDelayMs } from "./retry";

const policy = { maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 1_000 };

describe("retryDelayMs", () => {
  it("doubles per attempt with jitter in [half, whole], capped", () => {
    expect(retryDelayMs(policy, 1, null, () => 0)).toBe(50);
    expect(retryDelayMs(policy, 1, null, () => 0.999999)).toBe(100);
    expect(retryDelayMs(policy, 3, null, () => 0)).toBe(200);
    expect(retryDelayMs(policy, 10, null, () => 1)).toBe(1_000);
  });
  it("honours Retry-After, capped at the maximum", () => {
    expect(retryDelayMs(policy, 1, 700, () => 0)).toBe(700);
    expect(retryDelayMs(policy, 1, 60_000, () => 0)).toBe(1_000);
  });
});

describe("parseRetryAfter", () => {
  it("reads seconds and HTTP dates", () => {
    expect(parseRetryAfter("2")).toBe(2_000);
    expect(parseRetryAfter("0.5")).toBe(500);
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:00:03 GMT", now)).toBe(3_000);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter("soon")).toBeNull();
  });
});

describe("createLimiter", () => {
  it("never runs more than max at once and runs everything", async () => {
    const limiter = createLimiter(3);
    let running = 0;
    let peak = 0;
    const done = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        limiter.run(async () => {
          running++;
          peak = Math.max(peak, running);
          await new Promise((r) => setTimeout(r, 2));
          running--;
          return i;
        }),
      ),
    );
    expect(peak).toBe(3);
    expect(done).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(limiter.active).toBe(0);
  });
  it("frees the slot when a task fails", async () => {
    const limiter = createLimiter(1);
    await expect(limiter.run(() => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(await limiter.run(async () => "next")).toBe("next");
  });
});
