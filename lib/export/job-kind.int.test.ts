// Exports run as Jobs of kind "export" by a job worker, against a real database: queued exports run in
// the background, oldest first; cancel while running; a takeover after the worker died (leftovers removed,
// the export restarted); a Job that failed for good is mirrored on its ExportJob; the list and views.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { JobWorker } from "../jobs/worker";
import { createTestDb, type TestDb } from "../testing/db";
import type { ImageStore } from "./images";
import { requestExportCancel, serverExportsDir, startExportJob } from "./job";
import { createExportJobKind, type ExportKindDeps } from "./job-kind";
import { findJobArchive } from "./archive-store";
import { exportJobView, findExportJob, listExportJobs } from "./job-view";
import { countExportMatches } from "./summary";
import { FIXTURE_PROJECT_ID, seedFixture, type Fixture } from "./testing/fixture";

describe(`export jobs on the job system (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  let fixture: Fixture;
  let exportsDir: string;
  const workers: JobWorker[] = [];
  const project = { id: FIXTURE_PROJECT_ID, slug: "fixture" };

  beforeAll(async () => {
    t = await createTestDb();
    fixture = await seedFixture(t.db);
    exportsDir = fs.mkdtempSync(path.join(os.tmpdir(), "srt-export-kind-"));
  });
  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.stop();
  });
  afterAll(async () => {
    await t?.drop();
    fixture?.cleanup();
    fs.rmSync(exportsDir, { recursive: true, force: true });
  });

  const startWorker = (deps: ExportKindDeps = {}, leaseMs = 30_000) => {
    const kind = createExportJobKind({ storage: () => fixture.storage, exportsDir: () => exportsDir, ...deps });
    const worker = new JobWorker({ db: t.db, kinds: [kind], pollMs: 50, leaseMs }).start();
    workers.push(worker);
    return worker;
  };
  const queue = (params: object = {}) => startExportJob(t.db, { projectId: FIXTURE_PROJECT_ID, userId: "user-annotator", params: { tar: true, ...params } });
  const exportJob = (id: string) => t.db.exportJob.findUniqueOrThrow({ where: { id } });
  const settled = async (id: string) => {
    await expect.poll(async () => (await exportJob(id)).status, { timeout: 30_000 }).not.toMatch(/QUEUED|RUNNING/);
    return exportJob(id);
  };

  it("queues the export with its Job; a worker runs queued exports in the background, oldest first", async () => {
    const first = await queue({ format: "sharegpt" });
    const second = await queue({ format: "sharegpt" });
    expect(first.jobId).toBeTruthy();
    expect(await t.db.job.findUniqueOrThrow({ where: { id: first.jobId! } })).toMatchObject({ kind: "export", status: "QUEUED", params: { exportJobId: first.id }, projectId: FIXTURE_PROJECT_ID });
    startWorker({ execute: { pageSize: 2 } });
    const [a, b] = [await settled(first.id), await settled(second.id)];
    expect([a.status, b.status]).toEqual(["SUCCEEDED", "SUCCEEDED"]);
    expect(b.startedAt!.getTime()).toBeGreaterThanOrEqual(a.finishedAt!.getTime());
    expect(a.counts).toMatchObject({ records: 12 });
    expect(a.outputPath).toBe(path.join(exportsDir, `fixture-${first.id}.tar.gz`));
    const job = await t.db.job.findUniqueOrThrow({ where: { id: first.jobId! } });
    expect(job).toMatchObject({ status: "SUCCEEDED", attempts: 1, done: 12, total: 12, result: { exportJobId: first.id, status: "SUCCEEDED", records: 12 } });

    const view = await exportJobView(a, "fixture", fixture.storage);
    expect(view).toMatchObject({ percent: 100, downloadUrl: `/api/v1/exports/${a.id}/download` });
    expect(view.bytes).toBe(fs.statSync(a.outputPath!).size);
    expect((await findJobArchive(a, fixture.storage))?.filename).toBe(`fixture-${a.id}.tar.gz`);
  });

  it("cancels a running export: ExportJob and Job CANCELLED, nothing left on disk, the worker goes on", async () => {
    // Once the cancel is asked, the storage waits for it to be written: the export cannot finish first.
    let cancelWritten: Promise<unknown> = Promise.resolve();
    const slow: ImageStore = {
      get: async (key) => {
        await cancelWritten;
        await new Promise((resolve) => setTimeout(resolve, 80));
        return fixture.storage.get(key);
      },
    };
    let asked = false;
    const target = await queue();
    const next = await queue({ format: "trl" });
    startWorker({
      storage: () => slow,
      execute: {
        pageSize: 1,
        pollMs: 20,
        onProgress: (p) => {
          if (p.phase === "writing" && p.done >= 2 && !asked) {
            asked = true;
            cancelWritten = requestExportCancel(t.db, { jobId: target.id, userId: "user-annotator" });
          }
        },
      },
    });
    expect((await settled(target.id)).status).toBe("CANCELLED");
    expect((await exportJob(target.id)).outputPath).toBeNull();
    // The export's row is cancelled first, its Job just after: wait for it (not for expect.poll's default 1 s).
    await expect.poll(async () => (await t.db.job.findUniqueOrThrow({ where: { id: target.jobId! } })).status, { timeout: 10_000, interval: 50 }).toBe("CANCELLED");
    expect(fs.readdirSync(exportsDir).filter((f) => f.includes(target.id))).toEqual([]);
    expect((await settled(next.id)).status).toBe("SUCCEEDED");
  });

  it("cancels a queued export at once, its Job too", async () => {
    const queued = await queue();
    expect((await requestExportCancel(t.db, { jobId: queued.id, userId: null })).status).toBe("CANCELLED");
    expect(await t.db.job.findUniqueOrThrow({ where: { id: queued.jobId! } })).toMatchObject({ status: "CANCELLED", cancelRequested: true });
  });

  it("takes over an export whose worker died: its temporary files removed, the export restarted and finished", async () => {
    const crashed = await queue();
    const past = new Date(Date.now() - 1000);
    await t.db.exportJob.update({ where: { id: crashed.id }, data: { status: "RUNNING", startedAt: past, done: 3, total: 12 } });
    await t.db.job.update({ where: { id: crashed.jobId! }, data: { status: "RUNNING", attempts: 1, lockedBy: "dead:1", leaseExpiresAt: past } });
    const leftover = path.join(exportsDir, `.fixture-${crashed.id}.tmp-999-abcd`);
    fs.mkdirSync(leftover);
    fs.writeFileSync(`${leftover}.tar.gz`, "partial");
    startWorker();
    expect((await settled(crashed.id)).status).toBe("SUCCEEDED");
    expect(fs.existsSync(leftover)).toBe(false);
    expect(fs.existsSync(`${leftover}.tar.gz`)).toBe(false);
    expect((await t.db.job.findUniqueOrThrow({ where: { id: crashed.jobId! } })).attempts).toBe(2);
    const actions = (await t.db.auditEvent.findMany({ where: { entity: "ExportJob", entityId: crashed.id }, orderBy: [{ at: "asc" }, { id: "asc" }] })).map((e) => e.action);
    expect(actions).toEqual(["create", "restart", "succeed"]);
  });

  it("an export whose worker died on its last attempt is FAILED, with why", async () => {
    const crashed = await queue();
    const past = new Date(Date.now() - 1000);
    await t.db.exportJob.update({ where: { id: crashed.id }, data: { status: "RUNNING", startedAt: past } });
    await t.db.job.update({ where: { id: crashed.jobId! }, data: { status: "RUNNING", attempts: 3, lockedBy: "dead:1", leaseExpiresAt: past } });
    startWorker();
    const failed = await settled(crashed.id);
    expect(failed.status).toBe("FAILED");
    expect(failed.error).toMatch(/stopped responding/);
    expect(await exportJobView(failed, "fixture", fixture.storage)).toMatchObject({ status: "FAILED", downloadUrl: null });
  });

  it("lists a project's jobs newest first, with their views", async () => {
    const jobs = await listExportJobs(t.db, fixture.storage, project, 3);
    expect(jobs).toHaveLength(3);
    const times = jobs.map((j) => j.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(jobs[0]).toMatchObject({ project: "fixture", createdBy: "Annotator" });
    const found = await findExportJob(t.db, jobs[0].id);
    expect(found?.project.slug).toBe("fixture");
    expect(await findExportJob(t.db, "nope")).toBeNull();
  });

  it("a job whose output is a folder, or whose archive is gone, has nothing to download", async () => {
    expect(await findJobArchive({ status: "SUCCEEDED", outputPath: exportsDir }, fixture.storage)).toBeNull();
    expect(await findJobArchive({ status: "SUCCEEDED", outputPath: path.join(exportsDir, "gone.tar.gz") }, fixture.storage)).toBeNull();
    expect(await findJobArchive({ status: "RUNNING", outputPath: null }, fixture.storage)).toBeNull();
  });

  it("counts what an export would write, with the export's own selection", async () => {
    expect(await countExportMatches(t.db, FIXTURE_PROJECT_ID, {})).toEqual({ records: 12, items: 6 });
    const drafts = await countExportMatches(t.db, FIXTURE_PROJECT_ID, { filters: { statuses: ["DRAFT"] } });
    expect(drafts.items).toBe(1);
    const none = await countExportMatches(t.db, FIXTURE_PROJECT_ID, { filters: { tags: ["no-such-tag"] } });
    expect(none).toEqual({ records: 0, items: 0 });
  });

  it("keeps archives in SRT_EXPORTS_DIR, else beside the data (SRT_DATA_DIR), else data/exports", () => {
    expect(serverExportsDir({ SRT_EXPORTS_DIR: "/x/exports", SRT_DATA_DIR: "/y" })).toBe("/x/exports");
    expect(serverExportsDir({ SRT_DATA_DIR: "/y" })).toBe("/y/exports");
    expect(serverExportsDir({})).toBe(path.resolve("data/exports"));
  });
});
