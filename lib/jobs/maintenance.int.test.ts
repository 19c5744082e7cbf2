// Maintenance against a real database: old finished Job rows are deleted batch by batch (FAILED ones kept
// longer, jobs still mirrored by a queued or running ExportJob or EvalRun kept whatever their age), each
// deletion audited; the maintenance job exists once, is queued by one of several workers looking at once,
// runs on a worker, and is queued again only an interval after it finished.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JobStatus } from "../db";
import { createTestDb, type TestDb } from "../testing/db";
import { MAINTENANCE_INTERVAL_MS, MAINTENANCE_JOB_ID, scheduleMaintenance } from "./maintenance";
import { createMaintenanceJobKind } from "./maintenance-job";
import { pruneFinishedJobs } from "./prune";
import { JobWorker } from "./worker";

const DAY = 24 * 60 * 60 * 1000;
const retention = { finishedJobsMs: 14 * DAY, failedJobsMs: 90 * DAY, exportArchivesMs: 30 * DAY };

describe(`job maintenance (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  let projectId: string;
  beforeAll(async () => {
    t = await createTestDb();
    projectId = (await t.db.project.create({ data: { name: "Upkeep", slug: "upkeep", settings: {} } })).id;
  });
  afterAll(() => t?.drop());

  const now = new Date();
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const job = (id: string, status: JobStatus, finishedDaysAgo: number | null, createdDaysAgo = finishedDaysAgo ?? 0) =>
    t.db.job.create({ data: { id, kind: "export", params: {}, projectId, status, createdAt: ago(createdDaysAgo), finishedAt: finishedDaysAgo === null ? null : ago(finishedDaysAgo) } });

  it("deletes finished jobs past their retention in batches, keeping recent, failed, active and mirrored ones", async () => {
    for (let i = 0; i < 5; i++) await job(`old-succeeded-${i}`, "SUCCEEDED", 15 + i);
    await job("old-cancelled", "CANCELLED", 20);
    await job("old-cancelled-no-end", "CANCELLED", null, 20); // finished before finishedAt was recorded
    await job("recent-succeeded", "SUCCEEDED", 13);
    await job("failed-kept", "FAILED", 60);
    await job("failed-old", "FAILED", 91);
    await job("queued-old", "QUEUED", null, 100);
    await job("running-old", "RUNNING", null, 100);
    // Finished long ago, but the rows mirroring them are still queued/running (a mirror not yet updated).
    await job("mirrored-export", "SUCCEEDED", 30);
    await job("mirrored-eval", "CANCELLED", 30);
    await job("history-export", "SUCCEEDED", 30);
    await t.db.exportJob.create({ data: { projectId, params: {}, status: "RUNNING", jobId: "mirrored-export" } });
    await t.db.exportJob.create({ data: { projectId, params: {}, status: "SUCCEEDED", jobId: "history-export" } });
    await t.db.evalRun.create({ data: { projectId, endpointName: "fake", model: "m", name: "run", selection: {}, conditions: [], status: "QUEUED", jobId: "mirrored-eval" } });

    expect(await pruneFinishedJobs(t.db, { retention, now, batchSize: 2 })).toBe(9);
    const left = (await t.db.job.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((j) => j.id);
    expect(left).toEqual(["failed-kept", "mirrored-eval", "mirrored-export", "queued-old", "recent-succeeded", "running-old"]);
    const audited = await t.db.auditEvent.findMany({ where: { entity: "Job", action: "prune" }, select: { entityId: true, projectId: true } });
    expect(audited.map((a) => a.entityId).sort()).toEqual(["failed-old", "history-export", "old-cancelled", "old-cancelled-no-end", ...[0, 1, 2, 3, 4].map((i) => `old-succeeded-${i}`)].sort());
    expect(audited.every((a) => a.projectId === projectId)).toBe(true);
    // The finished export keeps its row (and the id of its Job, now history).
    expect(await t.db.exportJob.count({ where: { jobId: "history-export" } })).toBe(1);
    expect(await pruneFinishedJobs(t.db, { retention, now })).toBe(0);
  });

  it("is queued by one of several workers looking at once, runs on a worker, and is due again an interval later", async () => {
    await job("due-for-pruning", "SUCCEEDED", 40);
    const queued = await Promise.all([1, 2, 3, 4].map(() => scheduleMaintenance(t.db, { now })));
    expect(queued.filter(Boolean)).toHaveLength(1);
    expect(await scheduleMaintenance(t.db, { now })).toBe(false); // already queued
    expect(await t.db.job.count({ where: { kind: "maintenance" } })).toBe(1);

    const kind = createMaintenanceJobKind({ storage: () => ({ delete: async () => {} }), retention: () => retention });
    const worker = new JobWorker({ db: t.db, kinds: [kind], pollMs: 50, progressMs: 0 }).start();
    try {
      await expect.poll(async () => (await t.db.job.findUniqueOrThrow({ where: { id: MAINTENANCE_JOB_ID } })).status, { timeout: 30_000, interval: 100 }).toBe("SUCCEEDED");
    } finally {
      await worker.stop();
    }
    const done = await t.db.job.findUniqueOrThrow({ where: { id: MAINTENANCE_JOB_ID } });
    expect(done.result).toEqual({ jobsDeleted: 1, archivesExpired: 0 });
    expect(await t.db.job.count({ where: { id: "due-for-pruning" } })).toBe(0);

    expect(await scheduleMaintenance(t.db, { now: new Date(done.finishedAt!.getTime() + MAINTENANCE_INTERVAL_MS - 1000) })).toBe(false);
    const later = new Date(done.finishedAt!.getTime() + MAINTENANCE_INTERVAL_MS + 1000);
    expect(await Promise.all([scheduleMaintenance(t.db, { now: later }), scheduleMaintenance(t.db, { now: later })])).toEqual(expect.arrayContaining([true, false]));
    expect(await t.db.job.findUniqueOrThrow({ where: { id: MAINTENANCE_JOB_ID } })).toMatchObject({ status: "QUEUED", attempts: 0, finishedAt: null, runAt: later });
  });
});
