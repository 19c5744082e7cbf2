// Export jobs against a real database: queue → run → SUCCEEDED / FAILED / CANCELLED, progress, audit.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { createTestDb, type TestDb } from "../testing/db";
import type { ImageStore } from "./images";
import { EmptyExportError } from "./empty";
import { executeExportJob, requestExportCancel, startExportJob } from "./job";
import type { ExportParamsInput } from "./schemas";
import { FIXTURE_PROJECT_ID, imageSha, seedFixture, type Fixture } from "./testing/fixture";

describe(`export jobs (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  let fixture: Fixture;
  let exportsDir: string;
  beforeAll(async () => {
    t = await createTestDb();
    fixture = await seedFixture(t.db);
  });
  afterAll(async () => {
    await t?.drop();
    fixture?.cleanup();
  });
  const freshExportsDir = () => (exportsDir = fs.mkdtempSync(path.join(os.tmpdir(), "srt-jobs-")));
  afterEach(() => {
    if (exportsDir) fs.rmSync(exportsDir, { recursive: true, force: true });
  });
  const actions = async (jobId: string) =>
    (await t.db.auditEvent.findMany({ where: { entity: "ExportJob", entityId: jobId }, orderBy: [{ at: "asc" }, { id: "asc" }] })).map((e) => e.action);

  it("validates parameters, naming the field", async () => {
    const error = await startExportJob(t.db, { projectId: FIXTURE_PROJECT_ID, userId: null, params: { splits: "train=0.5" } }).catch((e) => e);
    expect(error).toBeInstanceOf(ZodError);
    expect((error as ZodError).issues[0].path).toEqual(["splits"]);
    const format = await startExportJob(t.db, { projectId: FIXTURE_PROJECT_ID, userId: null, params: { format: "csv" } as unknown as ExportParamsInput }).catch((e) => e);
    expect((format as ZodError).issues[0].path).toEqual(["format"]);
    await expect(startExportJob(t.db, { projectId: "nope", userId: null, params: {} })).rejects.toMatchObject({ code: "NOT_FOUND", message: 'No project "nope".' });
  });

  it("refuses an export that matches no follow-up unless it is confirmed, and queues nothing", async () => {
    const before = await t.db.exportJob.count();
    const nothing = { filters: { tags: ["no-such-tag"] } };
    const error = await startExportJob(t.db, { projectId: FIXTURE_PROJECT_ID, userId: null, params: nothing }).catch((e) => e);
    expect(error).toBeInstanceOf(EmptyExportError);
    expect(error).toMatchObject({ status: 400, field: "allowEmpty" });
    expect((error as Error).message).toMatch(/would be empty/);
    expect(await t.db.exportJob.count()).toBe(before);
    const confirmed = await startExportJob(t.db, { projectId: FIXTURE_PROJECT_ID, userId: null, params: nothing, allowEmpty: true });
    expect(confirmed.status).toBe("QUEUED");
    await requestExportCancel(t.db, { jobId: confirmed.id, userId: null });
  });

  it("runs a queued job to SUCCEEDED with output, sha256, counts and audit", async () => {
    freshExportsDir();
    const queued = await startExportJob(t.db, { projectId: FIXTURE_PROJECT_ID, userId: "user-annotator", params: { format: "llava" } });
    expect(queued.status).toBe("QUEUED");
    const phases = new Set<string>();
    const job = await executeExportJob(t.db, fixture.storage, queued.id, { exportsDir, onProgress: (p) => phases.add(p.phase) });
    expect(job.status).toBe("SUCCEEDED");
    expect(job.outputPath).toBe(path.join(exportsDir, `fixture-${queued.id}`));
    const manifest = fs.readFileSync(path.join(job.outputPath!, "manifest.json"));
    expect(job.sha256).toBe(createHash("sha256").update(manifest).digest("hex"));
    expect(job).toMatchObject({ done: 12, total: 12, error: null });
    expect((job.counts as { records: number }).records).toBe(12);
    expect(job.startedAt).not.toBeNull();
    expect(job.finishedAt).not.toBeNull();
    expect([...phases]).toEqual(["planning", "writing"]);
    expect(await actions(queued.id)).toEqual(["create", "start", "succeed"]);
    // Running it again does nothing: it is no longer queued.
    expect((await executeExportJob(t.db, fixture.storage, queued.id, { exportsDir })).status).toBe("SUCCEEDED");
  });

  it("cancels a running job: CANCELLED, progress saved, no output left", async () => {
    freshExportsDir();
    // Slow storage keeps the job running long enough for the cancel to land mid-export; once asked, it also
    // waits for the cancel to be written, so a loaded machine cannot finish the export before it lands.
    let cancelWritten: Promise<unknown> = Promise.resolve();
    const slow: ImageStore = {
      get: async (key) => {
        await cancelWritten;
        await new Promise((resolve) => setTimeout(resolve, 60));
        return fixture.storage.get(key);
      },
    };
    const queued = await startExportJob(t.db, { projectId: FIXTURE_PROJECT_ID, userId: "user-annotator", params: {} });
    let asked = false;
    const job = await executeExportJob(t.db, slow, queued.id, {
      exportsDir,
      pageSize: 1,
      pollMs: 20,
      onProgress: (p) => {
        if (p.phase === "writing" && p.done >= 2 && !asked) {
          asked = true;
          cancelWritten = requestExportCancel(t.db, { jobId: queued.id, userId: "user-annotator" });
        }
      },
    });
    expect(job.status).toBe("CANCELLED");
    expect(job.cancelRequested).toBe(true);
    expect(job.outputPath).toBeNull();
    expect(job.done).toBeGreaterThanOrEqual(2);
    expect(job.done).toBeLessThan(12);
    expect(job.total).toBe(12);
    expect(fs.readdirSync(exportsDir)).toEqual([]); // neither the output nor a temp folder
    expect(await actions(queued.id)).toEqual(["create", "start", "cancel", "cancelled"]);
  });

  it("cancels a queued job without running it", async () => {
    freshExportsDir();
    const queued = await startExportJob(t.db, { projectId: FIXTURE_PROJECT_ID, userId: null, params: {} });
    expect((await requestExportCancel(t.db, { jobId: queued.id, userId: null })).status).toBe("CANCELLED");
    const job = await executeExportJob(t.db, fixture.storage, queued.id, { exportsDir });
    expect(job.status).toBe("CANCELLED");
    expect(job.startedAt).toBeNull();
    expect(fs.readdirSync(exportsDir)).toEqual([]);
  });

  it("marks a job FAILED with the error when the export breaks", async () => {
    freshExportsDir();
    const queued = await startExportJob(t.db, { projectId: FIXTURE_PROJECT_ID, userId: null, params: {} });
    const broken: ImageStore = { get: async (key) => (key.endsWith(imageSha("img-03")) ? null : fixture.storage.get(key)) };
    const job = await executeExportJob(t.db, broken, queued.id, { exportsDir });
    expect(job.status).toBe("FAILED");
    expect(job.error).toMatch(new RegExp(`image ${imageSha("img-03")}: not found in storage`));
    expect(job.outputPath).toBeNull();
    expect(fs.readdirSync(exportsDir)).toEqual([]);
    expect(await actions(queued.id)).toEqual(["create", "start", "fail"]);
  });
});
