import { describe, expect, it } from "vitest";
import { KeyedLock, runPool } from "./pool";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("runPool", () => {
  it("runs every item with at most N at once, pulling lazily", async () => {
    let active = 0;
    let peak = 0;
    let pulled = 0;
    const done: number[] = [];
    async function* source() {
      for (let i = 0; i < 20; i++) {
        pulled++;
        expect(pulled - done.length).toBeLessThanOrEqual(4); // never far ahead of the workers
        yield i;
      }
    }
    await runPool(source(), 3, async (i) => {
      active++;
      peak = Math.max(peak, active);
      await sleep(2);
      active--;
      done.push(i);
    });
    expect(done.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(peak).toBe(3);
  });

  it("stops starting items after an escaped error and rethrows it", async () => {
    const started: number[] = [];
    await expect(
      runPool([1, 2, 3, 4, 5, 6], 2, async (i) => {
        started.push(i);
        if (i === 2) throw new Error("boom");
        await sleep(5);
      }),
    ).rejects.toThrow("boom");
    expect(started.length).toBeLessThan(6);
  });
});

describe("KeyedLock", () => {
  it("serialises one key and leaves others parallel", async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const task = (key: string, name: string, ms: number) =>
      lock.run(key, async () => {
        log.push(`start ${name}`);
        await sleep(ms);
        log.push(`end ${name}`);
      });
    await Promise.all([task("a", "a1", 10), task("a", "a2", 1), task("b", "b1", 1)]);
    expect(log.indexOf("end a1")).toBeLessThan(log.indexOf("start a2"));
    expect(log.indexOf("start b1")).toBeLessThan(log.indexOf("end a1"));
  });
});
