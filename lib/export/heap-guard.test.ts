import v8 from "node:v8";
import { describe, expect, it } from "vitest";
import { HeapGuard } from "./heap-guard";

const used = () => v8.getHeapStatistics().used_heap_size;
const MB = 1024 * 1024;

describe("HeapGuard", () => {
  it("does nothing while the heap stays within its headroom", () => {
    const guard = new HeapGuard(512 * MB);
    guard.check();
    expect(guard.collections).toBe(0);
  });

  it("collects garbage in full once the heap has grown past its headroom, and measures the next limit from what is live", () => {
    const guard = new HeapGuard(16 * MB);
    let garbage: { n: number; text: string }[] | null = [];
    for (let i = 0; i < 400_000; i++) garbage.push({ n: i, text: `row ${i}` });
    const kept = garbage.slice(0, 1000); // live across the collection
    garbage = null;
    const before = used();
    guard.check();
    expect(guard.collections).toBe(1);
    expect(used()).toBeLessThan(before - 8 * MB);
    guard.check(); // nothing new allocated: no second collection
    expect(guard.collections).toBe(1);
    expect(kept).toHaveLength(1000);
  });
});
