import { describe, expect, it } from "vitest";
import { SharedIndexes } from "./shared-index";

const tick = () => new Promise((r) => setTimeout(r, 0));

function deferred<T = void>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe("SharedIndexes", () => {
  it("shares one index between overlapping users of a key and loads it once", async () => {
    let loads = 0;
    const shared = new SharedIndexes(async (key) => ({ key, n: ++loads }));
    const gate = deferred();
    const seen: unknown[] = [];
    const a = shared.use("p", async (index) => {
      seen.push(index);
      await gate.promise;
    });
    const b = shared.use("p", async (index) => {
      seen.push(index);
    });
    await b;
    expect(shared.size).toBe(1);
    gate.resolve();
    await a;
    expect(loads).toBe(1);
    expect(seen[0]).toBe(seen[1]);
    expect(shared.size).toBe(0);
  });

  it("loads afresh once the last user is done, and separately per key", async () => {
    let loads = 0;
    const shared = new SharedIndexes(async (key) => `${key}${++loads}`);
    expect(await shared.use("p", async (i) => i)).toBe("p1");
    expect(await shared.use("p", async (i) => i)).toBe("p2");
    const [x, y] = await Promise.all([shared.use("p", async (i) => i), shared.use("q", async (i) => i)]);
    expect(new Set([x, y]).size).toBe(2);
  });

  it("releases the key when the work fails", async () => {
    const shared = new SharedIndexes(async () => 1);
    await expect(shared.use("p", async () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    expect(shared.size).toBe(0);
  });

  it("does not keep a failed load: waiting users get the error, the next user loads again", async () => {
    let attempt = 0;
    const shared = new SharedIndexes(async () => {
      attempt++;
      await tick();
      if (attempt === 1) throw new Error("database down");
      return attempt;
    });
    const results = await Promise.allSettled([shared.use("p", async (i) => i), shared.use("p", async (i) => i)]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected"]);
    expect(shared.size).toBe(0);
    expect(await shared.use("p", async (i) => i)).toBe(2);
  });
});
