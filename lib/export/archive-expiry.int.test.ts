// Export archives past their retention are deleted, from the exports folder (local storage) and from the
// bucket (S3, against s3rver); the ExportJob stays SUCCEEDED with its parameters and shows as expired
// (no download), recent archives and files an export did not write are left alone.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportArchiveKey, originalKey } from "../storage/keys";
import { S3Storage } from "../storage/s3";
import { startS3rver, type RunningS3rver } from "../storage/testing/s3rver";
import { createTestDb, type TestDb } from "../testing/db";
import { expireExportArchives } from "./archive-expiry";
import { findJobArchive } from "./archive-store";
import { executeExportJob, startExportJob } from "./job";
import { exportJobView } from "./job-view";
import { FIXTURE_IMAGES, FIXTURE_PROJECT_ID, imageBytes, imageSha, seedFixture, type Fixture } from "./testing/fixture";

const DAY = 24 * 60 * 60 * 1000;
const keepMs = 30 * DAY;

describe(`export archive expiry (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  let fixture: Fixture;
  let s3: RunningS3rver;
  let bucket: S3Storage;
  let exportsDir: string;
  beforeAll(async () => {
    t = await createTestDb();
    fixture = await seedFixture(t.db);
    s3 = await startS3rver({ bucket: "srt-expiry" });
    bucket = new S3Storage(s3.config);
    for (const image of FIXTURE_IMAGES) await bucket.put(originalKey(imageSha(image.id)), imageBytes(image.id), image.mime);
    exportsDir = fs.mkdtempSync(path.join(os.tmpdir(), "srt-expiry-exports-"));
  });
  afterAll(async () => {
    await t?.drop();
    fixture?.cleanup();
    await s3?.stop();
    fs.rmSync(exportsDir, { recursive: true, force: true });
  });

  const exported = async (storage: Parameters<typeof executeExportJob>[1], finishedDaysAgo: number) => {
    const queued = await startExportJob(t.db, { projectId: FIXTURE_PROJECT_ID, userId: "user-annotator", params: { format: "llava", seed: 11, tar: true } });
    const job = await executeExportJob(t.db, storage, queued.id, { exportsDir });
    expect(job.status).toBe("SUCCEEDED");
    return t.db.exportJob.update({ where: { id: job.id }, data: { finishedAt: new Date(Date.now() - finishedDaysAgo * DAY) } });
  };
  const row = (id: string) => t.db.exportJob.findUniqueOrThrow({ where: { id } });

  it("deletes old archives from the exports folder, keeps the row and its params, and the view says expired", async () => {
    const old = await exported(fixture.storage, 31);
    const recent = await exported(fixture.storage, 29);
    // An old row whose outputPath names a file this export did not write (tampered, or moved): never deleted.
    const stranger = path.join(exportsDir, "someone-else.tar.gz");
    fs.writeFileSync(stranger, "not ours");
    const foreign = await t.db.exportJob.create({ data: { projectId: FIXTURE_PROJECT_ID, params: old.params!, status: "SUCCEEDED", outputPath: stranger, finishedAt: new Date(Date.now() - 40 * DAY) } });
    expect(fs.existsSync(old.outputPath!)).toBe(true);

    expect(await expireExportArchives(t.db, fixture.storage, { keepMs, batchSize: 1 })).toBe(1);
    expect(fs.existsSync(old.outputPath!)).toBe(false);
    expect(fs.existsSync(recent.outputPath!)).toBe(true);
    expect(fs.readFileSync(stranger, "utf8")).toBe("not ours");
    expect((await row(foreign.id)).outputPath).toBe(stranger);

    const expired = await row(old.id);
    expect(expired).toMatchObject({ status: "SUCCEEDED", outputPath: null, sha256: old.sha256, params: old.params });
    expect(await exportJobView(expired, "fixture", fixture.storage)).toMatchObject({ status: "SUCCEEDED", archiveExpired: true, downloadUrl: null, bytes: null });
    expect(await exportJobView(await row(recent.id), "fixture", fixture.storage)).toMatchObject({ archiveExpired: false, downloadUrl: `/api/v1/exports/${recent.id}/download` });
    const audit = await t.db.auditEvent.findMany({ where: { entity: "ExportJob", entityId: old.id, action: "archive.expire" } });
    expect(audit).toHaveLength(1);
    expect(JSON.parse(JSON.stringify(audit[0].before))).toEqual({ outputPath: old.outputPath });

    // Nothing more is due: a second run deletes nothing.
    expect(await expireExportArchives(t.db, fixture.storage, { keepMs })).toBe(0);
    fs.rmSync(recent.outputPath!);
  });

  it("deletes old archives from the bucket (S3), leaving recent ones", async () => {
    const old = await exported(bucket, 45);
    const recent = await exported(bucket, 1);
    const oldKey = exportArchiveKey(`fixture-${old.id}`);
    const recentKey = exportArchiveKey(`fixture-${recent.id}`);
    expect(old.outputPath).toBe(`storage:${oldKey}`);
    expect(await bucket.has(oldKey)).toBe(true);

    expect(await expireExportArchives(t.db, bucket, { keepMs })).toBe(1);
    expect(await bucket.has(oldKey)).toBe(false);
    expect(await bucket.has(recentKey)).toBe(true);
    expect(await findJobArchive(await row(recent.id), bucket)).not.toBeNull();
    expect(await exportJobView(await row(old.id), "fixture", bucket)).toMatchObject({ archiveExpired: true, downloadUrl: null });
  });
});
