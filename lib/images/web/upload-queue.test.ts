import { describe, expect, it } from "vitest";
import type { UploadResultView } from "./upload-result";
import { UploadQueue, type UploadOutcome } from "./upload-queue";

const now = (fn: () => void) => fn();
const imported = (filename: string, near = 0): UploadResultView => ({
  status: "imported",
  filename,
  asset: { id: filename, filename, href: `/a/${filename}`, thumbUrl: "" },
  nearDuplicates: Array.from({ length: near }, (_, i) => ({ id: `n${i}`, filename: `n${i}`, href: "", distance: 3 })),
});

/** A fake network: each send waits until the test settles it. */
function fakeNetwork() {
  const pending = new Map<string, { resolve: (o: UploadOutcome) => void; progress: (f: number) => void; meta: unknown }>();
  const send = (file: string, meta: unknown, progress: (f: number) => void) =>
    new Promise<UploadOutcome>((resolve) => pending.set(file, { resolve, progress, meta }));
  return { pending, send };
}
const flush = () => new Promise((r) => setTimeout(r, 0));
const picked = (...names: string[]) => names.map((name) => ({ file: name, name, size: 10 }));

describe("UploadQueue", () => {
  it("sends at most `concurrency` files at once, in order, and records each result", async () => {
    const net = fakeNetwork();
    const queue = new UploadQueue(net.send, { concurrency: 2, schedule: now });
    queue.add(picked("a", "b", "c", "d"), { source: "s" });
    expect([...net.pending.keys()]).toEqual(["a", "b"]);
    expect(queue.getSnapshot().summary).toMatchObject({ total: 4, uploading: 2, queued: 2 });
    net.pending.get("a")!.progress(0.5);
    expect(queue.getSnapshot().tasks[0]).toMatchObject({ state: "uploading", progress: 0.5 });
    net.pending.get("a")!.resolve({ ok: true, result: imported("a", 1) });
    await flush();
    expect([...net.pending.keys()]).toEqual(["a", "b", "c"]);
    net.pending.get("b")!.resolve({ ok: true, result: { status: "duplicate", filename: "b", nearDuplicates: [] } });
    net.pending.get("c")?.resolve({ ok: true, result: { status: "rejected", filename: "c", reason: "not an image", nearDuplicates: [] } });
    await flush();
    net.pending.get("d")!.resolve({ ok: false, error: "network error" });
    await flush();
    const { summary, tasks } = queue.getSnapshot();
    expect(summary).toEqual({ total: 4, queued: 0, uploading: 0, imported: 1, nearDuplicates: 1, duplicates: 1, rejected: 1, failed: 1 });
    expect(tasks[3]).toMatchObject({ state: "failed", error: "network error", attempts: 1 });
    expect(net.pending.get("a")!.meta).toEqual({ source: "s" });
  });

  it("a send that throws fails that file only; the batch goes on", async () => {
    const queue = new UploadQueue<string, null>(
      async (file) => {
        if (file === "bad") throw new Error("boom");
        return { ok: true, result: imported(file) };
      },
      { concurrency: 1, schedule: now },
    );
    queue.add(picked("x", "bad", "y"), null);
    for (let i = 0; i < 5; i++) await flush();
    expect(queue.getSnapshot().tasks.map((t) => t.state)).toEqual(["done", "failed", "done"]);
    expect(queue.getSnapshot().tasks[1].error).toBe("boom");
  });

  it("retries failed files only, with corrected batch fields, and counts attempts", async () => {
    let fail = true;
    const metas: unknown[] = [];
    const queue = new UploadQueue<string, string>(
      async (file, meta) => {
        metas.push(meta);
        return fail && file === "b" ? { ok: false, error: "HTTP 502" } : { ok: true, result: imported(file) };
      },
      { schedule: now },
    );
    queue.add(picked("a", "b"), "old");
    for (let i = 0; i < 5; i++) await flush();
    expect(queue.getSnapshot().summary.failed).toBe(1);
    fail = false;
    expect(queue.retryFailed("new")).toBe(1);
    for (let i = 0; i < 5; i++) await flush();
    expect(queue.getSnapshot().summary).toMatchObject({ failed: 0, imported: 2 });
    expect(queue.getSnapshot().tasks[1]).toMatchObject({ attempts: 2, state: "done" });
    expect(metas).toEqual(["old", "old", "new"]);
    expect(queue.retryFailed()).toBe(0);
  });

  it("decides oversized files without sending them", async () => {
    const sent: string[] = [];
    const queue = new UploadQueue<string, null>(
      async (file) => {
        sent.push(file);
        return { ok: true, result: imported(file) };
      },
      { schedule: now, precheck: (p) => (p.size > 100 ? { status: "rejected", filename: p.name, reason: "too big", nearDuplicates: [] } : null) },
    );
    queue.add([{ file: "huge", name: "huge", size: 1000 }, ...picked("ok")], null);
    for (let i = 0; i < 3; i++) await flush();
    expect(sent).toEqual(["ok"]);
    expect(queue.getSnapshot().summary).toMatchObject({ rejected: 1, imported: 1 });
  });

  it("signals each batch that imported something once it has run empty", async () => {
    const net = fakeNetwork();
    const queue = new UploadQueue(net.send, { schedule: now });
    queue.add(picked("a", "b"), null);
    net.pending.get("a")!.resolve({ ok: true, result: imported("a") });
    await flush();
    expect(queue.getSnapshot().importedBatches).toBe(0);
    net.pending.get("b")!.resolve({ ok: true, result: { status: "duplicate", filename: "b", nearDuplicates: [] } });
    await flush();
    expect(queue.getSnapshot().importedBatches).toBe(1);
    queue.add(picked("c"), null);
    net.pending.get("c")!.resolve({ ok: true, result: { status: "duplicate", filename: "c", nearDuplicates: [] } });
    await flush();
    expect(queue.getSnapshot().importedBatches).toBe(1);
  });

  it("batches change notifications and clears finished files from the list", async () => {
    const scheduled: (() => void)[] = [];
    const net = fakeNetwork();
    const queue = new UploadQueue(net.send, { schedule: (fn) => scheduled.push(fn) });
    let calls = 0;
    queue.subscribe(() => calls++);
    queue.add(picked("a", "b"), null);
    net.pending.get("a")!.progress(0.1);
    net.pending.get("a")!.progress(0.2);
    expect(scheduled).toHaveLength(1);
    scheduled.shift()!();
    expect(calls).toBe(1);
    net.pending.get("a")!.resolve({ ok: true, result: imported("a") });
    await flush();
    scheduled.splice(0).forEach((fn) => fn());
    queue.clearFinished();
    scheduled.splice(0).forEach((fn) => fn());
    expect(queue.getSnapshot().tasks.map((t) => t.name)).toEqual(["b"]);
    expect(queue.getSnapshot().summary.total).toBe(1);
  });
});
