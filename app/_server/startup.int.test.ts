// Server start-up (instrumentation.ts register()): the instance's job worker starts, so queued exports
// run, and one a dead process left running is taken over once its lease ran out — before anyone opens
// the export page.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startExportJob } from "@/lib/export/job";
import { FIXTURE_PROJECT_ID, seedFixture, type Fixture } from "@/lib/export/testing/fixture";
import { stopServerWorker } from "@/lib/jobs/server-worker";
import { createTestDb, type TestDb } from "@/lib/testing/db";
import { register } from "@/instrumentation";

const state = globalThis as unknown as { srtDb?: unknown; srtStorage?: unknown };

describe(`server start-up (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  let fixture: Fixture;
  let dataDir: string;

  beforeAll(async () => {
    t = await createTestDb();
    fixture = await seedFixture(t.db);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "srt-startup-"));
    process.env.SRT_DATA_DIR = dataDir;
    state.srtDb = t.db;
    state.srtStorage = fixture.storage;
  });
  afterAll(async () => {
    await stopServerWorker();
    delete state.srtDb;
    delete state.srtStorage;
    delete process.env.SRT_DATA_DIR;
    await t?.drop();
    fixture?.cleanup();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("starts the worker: a crashed export is taken over and a queued one runs", async () => {
    const crashed = await startExportJob(t.db, { projectId: FIXTURE_PROJECT_ID, userId: "user-annotator", params: { tar: true } });
    const past = new Date(Date.now() - 60_000);
    await t.db.exportJob.update({ where: { id: crashed.id }, data: { status: "RUNNING", startedAt: past } });
    await t.db.job.update({ where: { id: crashed.jobId! }, data: { status: "RUNNING", attempts: 1, lockedBy: "dead:1", leaseExpiresAt: past } });
    const queued = await startExportJob(t.db, { projectId: FIXTURE_PROJECT_ID, userId: "user-annotator", params: { tar: true } });

    await register();

    for (const id of [crashed.id, queued.id]) {
      await expect.poll(async () => (await t.db.exportJob.findUniqueOrThrow({ where: { id } })).status, { timeout: 30_000 }).toBe("SUCCEEDED");
    }
    // The export's row is finished first, its Job just after (two writes): wait for the Job too.
    await expect.poll(async () => (await t.db.job.findUniqueOrThrow({ where: { id: crashed.jobId! } })).status, { timeout: 10_000, interval: 50 }).toBe("SUCCEEDED");
    const job = await t.db.job.findUniqueOrThrow({ where: { id: crashed.jobId! } });
    expect(job).toMatchObject({ status: "SUCCEEDED", attempts: 2, lockedBy: null });
    const archive = (await t.db.exportJob.findUniqueOrThrow({ where: { id: crashed.id } })).outputPath!;
    expect(archive.startsWith(path.join(dataDir, "exports"))).toBe(true);
  });
});
