// Export archives in shared storage: a job run with S3 storage (s3rver, a real S3-compatible server)
// uploads its .tar.gz to the bucket, leaves nothing on this machine, and any process reading the same
// bucket finds and streams it byte for byte; local storage keeps the archive in the exports folder.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buffer } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../testing/db";
import { exportArchiveKey, originalKey } from "../storage/keys";
import { S3Storage } from "../storage/s3";
import { startS3rver, type RunningS3rver } from "../storage/testing/s3rver";
import { findJobArchive, openJobArchive, storedArchiveKey } from "./archive-store";
import { executeExportJob, startExportJob } from "./job";
import { exportJobView } from "./job-view";
import { FIXTURE_IMAGES, FIXTURE_PROJECT_ID, imageBytes, imageSha, seedFixture, type Fixture } from "./testing/fixture";

const sha256 = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

describe(`export archives in shared storage (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  let fixture: Fixture;
  let s3: RunningS3rver;
  let storage: S3Storage;
  let exportsDir: string;
  beforeAll(async () => {
    t = await createTestDb();
    fixture = await seedFixture(t.db);
    s3 = await startS3rver({ bucket: "srt-exports" });
    // Small parts: the archive goes up as a real multipart upload.
    storage = new S3Storage(s3.config, { partSize: 1024 });
    for (const image of FIXTURE_IMAGES) await storage.put(originalKey(imageSha(image.id)), imageBytes(image.id), image.mime);
    exportsDir = fs.mkdtempSync(path.join(os.tmpdir(), "srt-shared-exports-"));
  });
  afterAll(async () => {
    await t?.drop();
    fixture?.cleanup();
    await s3?.stop();
    fs.rmSync(exportsDir, { recursive: true, force: true });
  });

  it("uploads the archive of a job run on S3 storage; another client of the bucket downloads it byte for byte", async () => {
    const queued = await startExportJob(t.db, { projectId: FIXTURE_PROJECT_ID, userId: "user-annotator", params: { format: "llava", tar: true } });
    const job = await executeExportJob(t.db, storage, queued.id, { exportsDir });
    expect(job.status).toBe("SUCCEEDED");
    const key = exportArchiveKey(`fixture-${queued.id}`);
    expect(job.outputPath).toBe(`storage:${key}`);
    expect(storedArchiveKey(job.outputPath!)).toBe(key);
    expect(fs.readdirSync(exportsDir)).toEqual([]); // nothing kept on the machine that ran it

    // "Another instance": its own client of the same bucket.
    const elsewhere = new S3Storage(s3.config);
    const info = await findJobArchive(job, elsewhere);
    expect(info?.filename).toBe(`fixture-${queued.id}.tar.gz`);
    expect(info!.bytes).toBeGreaterThan(1024); // more than one part
    const opened = await openJobArchive(job, elsewhere);
    const bytes = await buffer(opened!.stream!);
    expect(bytes.length).toBe(info!.bytes);
    expect(sha256(bytes)).toBe(job.sha256);
    // A resumed download: only the bytes asked for; past the end, nothing (416).
    const part = await openJobArchive(job, elsewhere, "bytes=1000-1099");
    expect(part).toMatchObject({ bytes: info!.bytes, range: { start: 1000, end: 1099 } });
    expect((await buffer(part!.stream!)).equals(bytes.subarray(1000, 1100))).toBe(true);
    expect(await openJobArchive(job, elsewhere, `bytes=${info!.bytes}-`)).toMatchObject({ stream: null, range: "unsatisfiable" });
    const view = await exportJobView(job, "fixture", elsewhere);
    expect(view).toMatchObject({ bytes: info!.bytes, downloadUrl: `/api/v1/exports/${queued.id}/download` });

    // Gone from the bucket: nothing to download, and the view says so.
    await elsewhere.delete(key);
    expect(await openJobArchive(job, elsewhere)).toBeNull();
    expect(await exportJobView(job, "fixture", elsewhere)).toMatchObject({ bytes: null, downloadUrl: null });
  });

  it("fails the job when the upload fails, leaving no archive anywhere", async () => {
    const queued = await startExportJob(t.db, { projectId: FIXTURE_PROJECT_ID, userId: null, params: { format: "sharegpt", tar: true } });
    // Reads images from the bucket, but uploads into one that does not exist.
    const noBucket = new S3Storage({ ...s3.config, bucket: "no-such-bucket" });
    const broken = { driver: "s3" as const, get: storage.get.bind(storage), putFile: noBucket.putFile.bind(noBucket) };
    const job = await executeExportJob(t.db, broken, queued.id, { exportsDir });
    expect(job.status).toBe("FAILED");
    expect(job.error).toMatch(/bucket/i);
    expect(job.outputPath).toBeNull();
    expect(fs.readdirSync(exportsDir)).toEqual([]);
    expect(await storage.has(exportArchiveKey(`fixture-${queued.id}`))).toBe(false);
  });

  it("keeps the archive in the exports folder with local storage (the single-machine default)", async () => {
    const queued = await startExportJob(t.db, { projectId: FIXTURE_PROJECT_ID, userId: null, params: { format: "trl", tar: true } });
    const job = await executeExportJob(t.db, fixture.storage, queued.id, { exportsDir });
    expect(job.outputPath).toBe(path.join(exportsDir, `fixture-${queued.id}.tar.gz`));
    const opened = await openJobArchive(job, fixture.storage);
    const whole = await buffer(opened!.stream!);
    expect(sha256(whole)).toBe(job.sha256);
    const tail = await openJobArchive(job, fixture.storage, "bytes=-10");
    expect(tail?.range).toEqual({ start: whole.length - 10, end: whole.length - 1 });
    expect((await buffer(tail!.stream!)).equals(whole.subarray(-10))).toBe(true);
    expect(await openJobArchive(job, fixture.storage, "bytes=99999999-")).toMatchObject({ stream: null, range: "unsatisfiable" });
    expect(await findJobArchive({ status: "SUCCEEDED", outputPath: "storage:../../etc/passwd.tar.gz" }, fixture.storage)).toBeNull();
    fs.rmSync(job.outputPath!);
  });
});
