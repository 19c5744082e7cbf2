// Server start-up (instrumentation.ts register()): exports a dead process left RUNNING are failed as
// interrupted, and queued ones run, before anyone opens the export page.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startExportJob } from "@/lib/export/job";
import { INTERRUPTED_ERROR, type ExportRunner } from "@/lib/export/runner";
import { FIXTURE_PROJECT_ID, seedFixture, type Fixture } from "@/lib/export/testing/fixture";
import { createTestDb, type TestDb } from "@/lib/testing/db";
import { register } from "@/instrumentation";

const state = globalThis as unknown as { srtDb?: unknown; srtExportRunner?: ExportRunner | null };

describe("server start-up", () => {
  let t: TestDb;
  let fixture: Fixture;
  let dataDir: string;

  beforeAll(async () => {
    t = await createTestDb();
    fixture = await seedFixture(t.db);
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "srt-startup-"));
    process.env.SRT_DATA_DIR = dataDir;
    state.srtDb = t.db;
    delete state.srtExportRunner;
  });
  afterAll(async () => {
    state.srtExportRunner?.stop();
    await state.srtExportRunner?.whenIdle();
    delete state.srtExportRunner;
    delete state.srtDb;
    delete process.env.SRT_DATA_DIR;
    await t?.drop();
    fixture?.cleanup();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("recovers an interrupted export when the server starts", async () => {
    const crashed = await startExportJob(t.db, { projectId: FIXTURE_PROJECT_ID, userId: "user-annotator", params: { tar: true } });
    await t.db.exportJob.update({ where: { id: crashed.id }, data: { status: "RUNNING", startedAt: new Date() } });

    await register();

    const after = await t.db.exportJob.findUniqueOrThrow({ where: { id: crashed.id } });
    expect(after.status).toBe("FAILED");
    expect(after.error).toBe(INTERRUPTED_ERROR);
  });
});
