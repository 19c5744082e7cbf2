import { describe, expect, it } from "vitest";
import { Semaphore } from "./slots";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("Semaphore", () => {
  it("runs at most `size` tasks at once and all of them eventually, even when some fail", async () => {
    const slots = new Semaphore(2);
    let active = 0;
    let peak = 0;
    const results = await Promise.allSettled(
      Array.from({ length: 9 }, (_, i) =>
        slots.run(async () => {
          active++;
          peak = Math.max(peak, active);
          await sleep(3);
          active--;
          if (i === 4) throw new Error("task failed");
          return i;
        }),
      ),
    );
    expect(peak).toBe(2);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(8);
    expect(await slots.run(async () => "free again")).toBe("free again");
  });

  it("refuses a size below 1", () => {
    expect(() => new Semaphore(0)).toThrow(/positive whole number/);
  });
});
