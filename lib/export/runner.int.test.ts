// The in-process export runner against a real database: start-up recovery of interrupted jobs, queued
// jobs run one at a time in the background, cancel while running, the archive and its view.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../testing/db";
import type { ImageStore } from "./images";
import { requestExportCancel, startExportJob } from "./job";
import { exportJobView, findExportJob, jobArchive, listExportJobs } from "./job-view";
import { ExportRunner, INTERRUPTED_ERROR, runnerEnabled, serverExportsDir } from "./runner";
import { countExportMatches } from "./summary";
import { FIXTURE_PROJECT_ID, seedFixture, type Fixture } from "./testing/fixture";

describe(`export runner (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  let fixture: Fixture;
  let exportsDir: string;
  const runners: ExportRunner[] = [];
  const project = { id: FIXTURE_PROJECT_ID, slug: "fixture" };

  beforeAll(async () => {
    t = await createTestDb();
    fixture = await seedFixture(t.db);
    exportsDir = fs.mkdtempSync(path.join(os.tmpdir(), "srt-runner-"));
  });
  afterEach(async () => {
    for (const runner of runners.splice(0)) {
      runner.stop();
      await runner.whenIdle();
    }
  });
  afterAll(async () => {
    await t?.drop();
    fixture?.cleanup();
    fs.rmSync(exportsDir, { recursive: true, force: true });
  });

  const makeRunner = (options: Partial<ConstructorParameters<typeof ExportRunner>[0]> = {}) => {
    const runner = new ExportRunner({ db: t.db, storage: fixture.storage, exportsDir, ...options });
    runners.push(runner);
    return runner;
  };
  const queue = (params: object = {}) => startExportJob(t.db, { projectId: FIXTURE_PROJECT_ID, userId: "user-annotator", params: { tar: true, ...params } });
  const job = async (id: string) => (await t.db.exportJob.findUniqueOrThrow({ where: { id } }));
  const auditActions = async (id: string) =>
    (await t.db.auditEvent.findMany({ where: { entity: "ExportJob", entityId: id }, orderBy: [{ at: "asc" }, { id: "asc" }] })).map((e) => e.action);

  it("on start-up marks jobs a dead process left RUNNING as FAILED (interrupted), removes their temp files, and runs what was queued", async () => {
    const crashed = await queue();
    await t.db.exportJob.update({ where: { id: crashed.id }, data: { status: "RUNNING", startedAt: new Date(), done: 3, total: 12 } });
    const leftover = path.join(exportsDir, `.fixture-${crashed.id}.tmp-999-abcd`);
    fs.mkdirSync(leftover);
    fs.writeFileSync(path.join(leftover, "train.jsonl"), "{}\n");
    fs.writeFileSync(`${leftover}.tar.gz`, "partial");
    const waiting = await queue();

    const runner = makeRunner();
    await runner.start();
    await runner.whenIdle();

    const failed = await job(crashed.id);
    expect(failed).toMatchObject({ status: "FAILED", error: INTERRUPTED_ERROR, outputPath: null });
    expect(failed.finishedAt).not.toBeNull();
    expect(await auditActions(crashed.id)).toEqual(["create", "interrupted"]);
    expect(fs.existsSync(leftover)).toBe(false);
    expect(fs.existsSync(`${leftover}.tar.gz`)).toBe(false);
    expect(exportJobView(failed, "fixture")).toMatchObject({ status: "FAILED", percent: 25, downloadUrl: null, bytes: null });

    const done = await job(waiting.id);
    expect(done.status).toBe("SUCCEEDED");
    expect(done.outputPath).toBe(path.join(exportsDir, `fixture-${waiting.id}.tar.gz`));
    // Starting again changes nothing: recovery runs once, and the finished job stays finished.
    await runner.start();
    expect((await job(crashed.id)).status).toBe("FAILED");
  });

  it("enqueue returns at once; queued jobs run one at a time in the background, oldest first", async () => {
    const runner = makeRunner({ concurrency: 1, execute: { pageSize: 2 } });
    await runner.start();
    const first = await queue({ format: "sharegpt" });
    const second = await queue({ format: "sharegpt" });
    const before = Date.now();
    await runner.enqueue();
    expect(Date.now() - before).toBeLessThan(1000);
    expect(["QUEUED", "RUNNING"]).toContain((await job(second.id)).status);
    await runner.whenIdle();
    const [a, b] = [await job(first.id), await job(second.id)];
    expect([a.status, b.status]).toEqual(["SUCCEEDED", "SUCCEEDED"]);
    expect(b.startedAt!.getTime()).toBeGreaterThanOrEqual(a.finishedAt!.getTime());
    expect(a.counts).toMatchObject({ records: 12 });

    const view = exportJobView(a, "fixture");
    expect(view).toMatchObject({ percent: 100, downloadUrl: `/api/v1/exports/${a.id}/download` });
    expect(view.bytes).toBe(fs.statSync(a.outputPath!).size);
    expect(jobArchive(a)?.filename).toBe(`fixture-${a.id}.tar.gz`);
  });

  it("cancels a running job: CANCELLED, nothing left on disk, the runner goes on with the next one", async () => {
    const slow: ImageStore = {
      get: async (key) => {
        await new Promise((resolve) => setTimeout(resolve, 80));
        return fixture.storage.get(key);
      },
    };
    let asked = false;
    const target = await queue();
    const next = await queue({ format: "trl" });
    const runner = makeRunner({
      storage: slow,
      execute: {
        pageSize: 1,
        pollMs: 20,
        onProgress: (p) => {
          if (p.phase === "writing" && p.done >= 2 && !asked) {
            asked = true;
            void requestExportCancel(t.db, { jobId: target.id, userId: "user-annotator" });
          }
        },
      },
    });
    await runner.enqueue();
    await runner.whenIdle();
    const cancelled = await job(target.id);
    expect(cancelled.status).toBe("CANCELLED");
    expect(cancelled.outputPath).toBeNull();
    expect(fs.readdirSync(exportsDir).filter((f) => f.includes(target.id))).toEqual([]);
    expect((await job(next.id)).status).toBe("SUCCEEDED");
  });

  it("lists a project's jobs newest first, with their views", async () => {
    const jobs = await listExportJobs(t.db, project, 3);
    expect(jobs).toHaveLength(3);
    const times = jobs.map((j) => j.createdAt);
    expect([...times].sort().reverse()).toEqual(times);
    expect(jobs[0]).toMatchObject({ project: "fixture", createdBy: "Annotator" });
    const found = await findExportJob(t.db, jobs[0].id);
    expect(found?.project.slug).toBe("fixture");
    expect(await findExportJob(t.db, "nope")).toBeNull();
  });

  it("a job whose output is a folder, or whose archive is gone, has nothing to download", () => {
    expect(jobArchive({ status: "SUCCEEDED", outputPath: exportsDir })).toBeNull();
    expect(jobArchive({ status: "SUCCEEDED", outputPath: path.join(exportsDir, "gone.tar.gz") })).toBeNull();
    expect(jobArchive({ status: "RUNNING", outputPath: null })).toBeNull();
  });

  it("counts what an export would write, with the export's own selection", async () => {
    expect(await countExportMatches(t.db, FIXTURE_PROJECT_ID, {})).toEqual({ records: 12, items: 6 });
    const drafts = await countExportMatches(t.db, FIXTURE_PROJECT_ID, { filters: { statuses: ["DRAFT"] } });
    expect(drafts.items).toBe(1);
    const none = await countExportMatches(t.db, FIXTURE_PROJECT_ID, { filters: { tags: ["no-such-tag"] } });
    expect(none).toEqual({ records: 0, items: 0 });
    await expect(countExportMatches(t.db, FIXTURE_PROJECT_ID, { filters: { minScore: 9 } })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["filters", "minScore"] })],
    });
  });

  it("keeps archives in SRT_EXPORTS_DIR, else beside the data (SRT_DATA_DIR), else data/exports; SRT_EXPORT_RUNNER=off disables it", () => {
    expect(serverExportsDir({ SRT_EXPORTS_DIR: "/x/exports", SRT_DATA_DIR: "/y" })).toBe("/x/exports");
    expect(serverExportsDir({ SRT_DATA_DIR: "/y" })).toBe("/y/exports");
    expect(serverExportsDir({})).toBe(path.resolve("data/exports"));
    expect(runnerEnabled({})).toBe(true);
    expect(runnerEnabled({ SRT_EXPORT_RUNNER: "off" })).toBe(false);
    expect(runnerEnabled({ SRT_EXPORT_RUNNER: "on" })).toBe(true);
  });
});
