// Queuing jobs against a real database: params validated with the kind's schema (the error names the
// field, nothing written), audit when a person queued it, and the claim order (due, priority, age, kind).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidInputError } from "../errors";
import { createTestDb, type TestDb } from "../testing/db";
import { claimNextJob } from "./claim";
import { enqueueJob } from "./enqueue";
import { failingKind, stepsKind } from "./testing/kinds";

describe(`enqueueJob (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
    await t.db.user.create({ data: { id: "user-1", email: "one@jobs.test", name: "One", role: "ADMIN" } });
  });
  afterAll(async () => {
    await t?.drop();
  });

  it("refuses bad params naming the field, and writes nothing", async () => {
    const error = await enqueueJob(t.db, stepsKind, { steps: -1, stepMs: 0 }, { projectId: null, createdById: null }).catch((e) => e);
    expect(error).toBeInstanceOf(InvalidInputError);
    expect(error).toMatchObject({ field: "params.steps", status: 400 });
    const missing = await enqueueJob(t.db, stepsKind, { steps: 1 } as never, { projectId: null, createdById: null }).catch((e) => e);
    expect(missing).toMatchObject({ field: "params.stepMs" });
    expect(await t.db.job.count()).toBe(0);
  });

  it("queues a job, audited when a person asked for it", async () => {
    const job = await enqueueJob(t.db, stepsKind, { steps: 2, stepMs: 0 }, { projectId: null, createdById: "user-1" });
    expect(job).toMatchObject({ kind: "test-steps", status: "QUEUED", params: { steps: 2, stepMs: 0 }, attempts: 0, maxAttempts: 3, createdById: "user-1" });
    const events = await t.db.auditEvent.findMany({ where: { entity: "Job", entityId: job.id } });
    expect(events.map((e) => [e.action, e.actorId])).toEqual([["create", "user-1"]]);
    const system = await enqueueJob(t.db, failingKind, { message: "x" }, { projectId: null, createdById: null });
    expect(system.maxAttempts).toBe(2);
    expect(await t.db.auditEvent.count({ where: { entityId: system.id } })).toBe(0);
  });

  it("claims due jobs of known kinds only: higher priority first, then the oldest; a later runAt waits", async () => {
    await t.db.job.deleteMany();
    const none = { projectId: null, createdById: null };
    const old = await enqueueJob(t.db, stepsKind, { steps: 0, stepMs: 0 }, none);
    const urgent = await enqueueJob(t.db, stepsKind, { steps: 0, stepMs: 0 }, { ...none, priority: 5 });
    await enqueueJob(t.db, stepsKind, { steps: 0, stepMs: 0 }, { ...none, runAt: new Date(Date.now() + 60_000) });
    const other = await enqueueJob(t.db, failingKind, { message: "x" }, none);
    const claim = () => claimNextJob(t.db, { workerId: "w1", kinds: ["test-steps"], leaseMs: 5000 });
    const first = await claim();
    expect(first).toMatchObject({ id: urgent.id, status: "RUNNING", attempts: 1, lockedBy: "w1" });
    expect(first!.leaseExpiresAt!.getTime()).toBeGreaterThan(Date.now() + 3000);
    expect((await claim())?.id).toBe(old.id);
    expect(await claim()).toBeNull(); // the delayed one is not due; the other kind is not ours
    expect((await t.db.job.findUniqueOrThrow({ where: { id: other.id } })).status).toBe("QUEUED");
    expect(await claimNextJob(t.db, { workerId: "w1", kinds: [], leaseMs: 5000 })).toBeNull();
  });
});
