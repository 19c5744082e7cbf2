// The job system against a real database and real processes: several workers (in this process, each
// with its own database client, and in child processes) never run one job twice; a worker killed with
// SIGKILL mid-job loses it to another once its lease ran out; cancel and progress work across clients;
// retries end FAILED with the error; a stopping worker releases what it could not finish.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../db/client";
import { lockForWriting, providerOf } from "../db/provider";
import { createTestDb, type TestDb } from "../testing/db";
import { requestJobCancel } from "./cancel";
import { enqueueJob } from "./enqueue";
import { runJobHere } from "./run-here";
import { failingKind, stepsKind, TEST_KINDS } from "./testing/kinds";
import { spawnWorker, type ChildWorker } from "./testing/spawn-worker";
import { JobWorker, type WorkerOptions } from "./worker";

const LEASE_MS = 1000;
const none = { projectId: null, createdById: null };

describe(`job workers (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  const clients: Db[] = [];
  const workers: JobWorker[] = [];
  const children: ChildWorker[] = [];

  beforeAll(async () => {
    t = await createTestDb();
  });
  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.stop({ timeoutMs: 100 });
    for (const c of children.splice(0)) await c.dispose();
    // What a test (or a failed attempt before its retry) left queued or running must not be taken by the
    // next test's workers: they count the jobs they ran.
    await t?.db.job.updateMany({ where: { status: { in: ["QUEUED", "RUNNING"] } }, data: { status: "CANCELLED", lockedBy: null, leaseExpiresAt: null } });
  });
  afterAll(async () => {
    for (const db of clients) await db.$disconnect();
    await t?.drop();
  });

  /** Another instance: its own database client. */
  const otherClient = () => {
    const db = createDb(t.config);
    clients.push(db);
    return db;
  };
  const startWorker = (options: Partial<WorkerOptions> & { logs?: string[] } = {}) => {
    const { logs, ...rest } = options;
    const worker = new JobWorker({ db: otherClient(), kinds: TEST_KINDS, leaseMs: LEASE_MS, pollMs: 50, progressMs: 0, retryDelayMs: () => 0, log: (m) => logs?.push(m), ...rest }).start();
    workers.push(worker);
    return worker;
  };
  const job = (id: string) => t.db.job.findUniqueOrThrow({ where: { id } });
  const runs = async (id: string) => (await t.db.auditEvent.findMany({ where: { entity: "JobRun", entityId: id }, orderBy: [{ at: "asc" }, { id: "asc" }] })).map((e) => e.action);

  it("many jobs, three workers in two processes: each job runs exactly once", async () => {
    const child = await spawnWorker(t.config, { id: "child-a", leaseMs: 5000, concurrency: 2 });
    children.push(child);
    // All 40 appear at once (one transaction) and take a while each, so that no worker can run them all
    // before the others look: the work is shared even on a loaded machine.
    const ids = await t.db.$transaction(async (tx) => {
      await lockForWriting(tx, providerOf(t.db));
      const queued: string[] = [];
      for (let i = 0; i < 40; i++) queued.push((await enqueueJob(tx, stepsKind, { steps: 1, stepMs: 100 }, none)).id);
      return queued;
    });
    // The child process starts first (on a loaded machine its start-up alone can outlast the 40 jobs):
    // this process's workers join once it has taken a job, so both run some.
    await expect.poll(() => t.db.job.count({ where: { id: { in: ids }, lockedBy: { not: null } } }), { timeout: 60_000, interval: 50 }).toBeGreaterThan(0);
    const logs: string[] = [];
    startWorker({ workerId: "here-1", concurrency: 3, leaseMs: 5000, logs });
    startWorker({ workerId: "here-2", concurrency: 3, leaseMs: 5000, logs });

    await expect.poll(() => t.db.job.count({ where: { id: { in: ids }, status: "SUCCEEDED" } }), { timeout: 60_000, interval: 200 }).toBe(40);
    const events = await t.db.auditEvent.groupBy({ by: ["entityId"], where: { entity: "JobRun", entityId: { in: ids } }, _count: { _all: true } });
    expect(events).toHaveLength(40);
    expect(events.every((e) => e._count._all === 1)).toBe(true);
    const rows = await t.db.job.findMany({ where: { id: { in: ids } } });
    expect(rows.every((r) => r.attempts === 1 && r.lockedBy === null && r.done === 1 && r.total === 1)).toBe(true);
    // The work was shared: the child process and this one both ran jobs. A worker logs a job's end after
    // writing it, and the child's lines come through a pipe: wait for all 40 lines.
    const succeeded = (lines: string[]) => lines.filter((l) => / succeeded in /.test(l) && ids.some((id) => l.includes(id))).length;
    const byChild = () => succeeded(child.output().split("\n"));
    const here = () => succeeded(logs);
    await expect.poll(() => byChild() + here(), { timeout: 10_000, interval: 50 }).toBe(40);
    expect(byChild()).toBeGreaterThan(0);
    expect(here()).toBeGreaterThan(0);
  });

  it("a worker process killed mid-job: after its lease another worker takes the job over and finishes it (attempts 2)", async () => {
    const child = await spawnWorker(t.config, { id: "doomed", leaseMs: LEASE_MS });
    children.push(child);
    const { id } = await enqueueJob(t.db, stepsKind, { steps: 20, stepMs: 100 }, none);
    // Progress written by the child is visible here, from another client.
    await expect.poll(async () => (await job(id)).done, { timeout: 30_000, interval: 50 }).toBeGreaterThanOrEqual(2);
    expect(await job(id)).toMatchObject({ status: "RUNNING", lockedBy: "doomed", attempts: 1, total: 20 });

    await child.kill();
    const killedAt = Date.now();
    expect(await job(id)).toMatchObject({ status: "RUNNING", lockedBy: "doomed" }); // nobody knows yet

    const logs: string[] = [];
    startWorker({ workerId: "rescuer", logs });
    await expect.poll(async () => (await job(id)).status, { timeout: 30_000, interval: 100 }).toBe("SUCCEEDED");
    const done = await job(id);
    expect(done).toMatchObject({ attempts: 2, lockedBy: null, done: 20, total: 20, result: { steps: 20 } });
    expect(await runs(id)).toEqual(["1", "2"]);
    // The first attempt's start is kept; the takeover came after the lease ran out.
    expect(done.startedAt!.getTime()).toBeLessThan(killedAt);
    expect(logs.some((l) => l.includes(`job ${id} (test-steps) attempt 2/3: started by rescuer`))).toBe(true);
  });

  it("cancel requested from another client stops a running job; a queued one is cancelled at once", async () => {
    startWorker({ workerId: "runner" });
    const { id } = await enqueueJob(t.db, stepsKind, { steps: 200, stepMs: 50 }, none);
    const elsewhere = otherClient();
    await expect.poll(async () => (await elsewhere.job.findUniqueOrThrow({ where: { id } })).done, { timeout: 30_000, interval: 50 }).toBeGreaterThanOrEqual(1);
    const asked = await requestJobCancel(elsewhere, id, null);
    expect(asked).toMatchObject({ status: "RUNNING", cancelRequested: true });
    await expect.poll(async () => (await job(id)).status, { timeout: 10_000, interval: 50 }).toBe("CANCELLED");
    const cancelled = await job(id);
    expect(cancelled.done).toBeLessThan(200);
    expect(cancelled.lockedBy).toBeNull();
    expect((await t.db.auditEvent.findMany({ where: { entity: "Job", entityId: id } })).map((e) => e.action)).toEqual(["cancel"]);

    const later = await enqueueJob(t.db, stepsKind, { steps: 1, stepMs: 0 }, { ...none, runAt: new Date(Date.now() + 60_000) });
    expect((await requestJobCancel(elsewhere, later.id, null)).status).toBe("CANCELLED");
    await expect(requestJobCancel(elsewhere, "nope", null)).rejects.toMatchObject({ code: "NOT_FOUND", field: "jobId" });
  });

  it("retries a failing job, then FAILED for good with the last error", async () => {
    startWorker();
    const { id } = await enqueueJob(t.db, failingKind, { message: "boom" }, none);
    await expect.poll(async () => (await job(id)).status, { timeout: 30_000, interval: 50 }).toBe("FAILED");
    expect(await job(id)).toMatchObject({ attempts: 2, maxAttempts: 2, error: "boom (attempt 2)", lockedBy: null });
    expect(await runs(id)).toEqual(["1", "2"]);
  });

  it("a job whose stored params no longer validate fails at once, without running", async () => {
    startWorker();
    const row = await t.db.job.create({ data: { kind: "test-steps", params: { steps: "many" } } });
    await expect.poll(async () => (await job(row.id)).status, { timeout: 30_000, interval: 50 }).toBe("FAILED");
    expect(await job(row.id)).toMatchObject({ attempts: 1 });
    expect((await job(row.id)).error).toMatch(/params\.steps/);
    expect(await runs(row.id)).toEqual([]);
  });

  it("a stopping worker releases the job it could not finish; another one runs it", async () => {
    const first = startWorker({ workerId: "leaving" });
    const { id } = await enqueueJob(t.db, stepsKind, { steps: 30, stepMs: 50 }, none);
    await expect.poll(async () => (await job(id)).done, { timeout: 30_000, interval: 50 }).toBeGreaterThanOrEqual(1);
    await first.stop({ timeoutMs: 100 });
    expect(await job(id)).toMatchObject({ status: "QUEUED", lockedBy: null, leaseExpiresAt: null, attempts: 0 });
    startWorker({ workerId: "staying" });
    await expect.poll(async () => (await job(id)).status, { timeout: 30_000, interval: 50 }).toBe("SUCCEEDED");
    expect((await job(id)).attempts).toBe(1);
  });

  it("a worker that lost its lease to another stops without writing", async () => {
    startWorker({ workerId: "slow", heartbeatMs: 50 });
    const { id } = await enqueueJob(t.db, stepsKind, { steps: 100, stepMs: 50 }, none);
    await expect.poll(async () => (await job(id)).done, { timeout: 30_000, interval: 50 }).toBeGreaterThanOrEqual(1);
    await t.db.job.update({ where: { id }, data: { lockedBy: "thief" } });
    await expect.poll(() => workers[0].active, { timeout: 10_000, interval: 50 }).toEqual([]);
    expect(await job(id)).toMatchObject({ status: "RUNNING", lockedBy: "thief" });
  });

  it("runJobHere runs one job in this process with a lease; a cancel from another client stops it", async () => {
    const { jobId, result } = await runJobHere(t.db, stepsKind, { steps: 3, stepMs: 1 });
    expect(result).toEqual({ steps: 3 });
    expect(await job(jobId)).toMatchObject({ status: "SUCCEEDED", attempts: 1, maxAttempts: 1, done: 3, total: 3, lockedBy: null });

    const elsewhere = otherClient();
    // 200 × 50 ms: still running when the cancel comes, even on a loaded machine.
    const running = runJobHere(t.db, stepsKind, { steps: 200, stepMs: 50 }, { leaseMs: 300 });
    await expect.poll(() => t.db.job.count({ where: { status: "RUNNING", lockedBy: { startsWith: "here:" } } }), { timeout: 10_000, interval: 20 }).toBe(1);
    const row = await t.db.job.findFirstOrThrow({ where: { status: "RUNNING", lockedBy: { startsWith: "here:" } } });
    await requestJobCancel(elsewhere, row.id, null);
    await expect(running).rejects.toMatchObject({ code: "CONFLICT" });
    expect((await job(row.id)).status).toBe("CANCELLED");
  });
});
