// The admin's jobs list and its cancel action against a real database: an export's Job is cancelled
// through its ExportJob (both show cancelled), any other job directly; unknown ids are 404.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/roles";
import { startExportJob } from "@/lib/export/job";
import { requestCancelOfJob } from "@/lib/jobs/cancel-mirrored";
import { FIXTURE_PROJECT_ID, seedFixture, type Fixture } from "@/lib/export/testing/fixture";
import { listJobs } from "@/lib/jobs/list";
import { createTestDb, type TestDb } from "@/lib/testing/db";
import { cancelJobAction } from "@/app/_actions/jobs";

describe(`admin jobs list (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  let fixture: Fixture;
  let admin: SessionUser;
  const g = globalThis as { srtDb?: unknown };

  beforeAll(async () => {
    t = await createTestDb();
    fixture = await seedFixture(t.db);
    g.srtDb = t.db;
    const row = await t.db.user.create({ data: { email: "admin@jobs.test", name: "Admin", role: "ADMIN" } });
    admin = { id: row.id, email: row.email, name: row.name, role: "ADMIN" };
  });
  afterAll(async () => {
    delete g.srtDb;
    await t?.drop();
    fixture?.cleanup();
  });

  it("lists jobs newest first and cancels an export's Job together with its ExportJob", async () => {
    const exported = await startExportJob(t.db, { projectId: FIXTURE_PROJECT_ID, userId: admin.id, params: {} });
    const other = await t.db.job.create({ data: { kind: "eval-run", params: {}, status: "RUNNING", attempts: 1, lockedBy: "w1", done: 2, total: 8 } });
    const [first, second] = await listJobs(t.db);
    expect(first).toMatchObject({ id: other.id, kind: "eval-run", statusLabel: "running", percent: 25, lockedBy: "w1", project: null, attempts: 1, maxAttempts: 3 });
    expect(second).toMatchObject({ id: exported.jobId, kind: "export", statusLabel: "queued", project: { slug: "fixture" }, createdBy: "Admin" });

    // (The action's success path revalidates the page, which needs a Next.js request: call what it calls.)
    await requestCancelOfJob(t.db, { jobId: exported.jobId!, userId: admin.id });
    expect((await t.db.exportJob.findUniqueOrThrow({ where: { id: exported.id } })).status).toBe("CANCELLED");
    expect((await t.db.job.findUniqueOrThrow({ where: { id: exported.jobId! } })).status).toBe("CANCELLED");

    await requestCancelOfJob(t.db, { jobId: other.id, userId: admin.id });
    expect(await t.db.job.findUniqueOrThrow({ where: { id: other.id } })).toMatchObject({ status: "RUNNING", cancelRequested: true });
    expect(await cancelJobAction.run(admin, { jobId: "nope" })).toMatchObject({ ok: false, status: 404 });
  });
});
