// `npx srt worker` as a real process: it runs a queued export (its Job), logs a line per job, and stops
// gracefully on SIGTERM; a bad --kinds is a usage error.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startExportJob } from "../export/job";
import { FIXTURE_PROJECT_ID, seedFixture, type Fixture } from "../export/testing/fixture";
import { createTestDb, type TestDb } from "../testing/db";

describe(`srt worker (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  let fixture: Fixture;
  let exportsDir: string;
  beforeAll(async () => {
    t = await createTestDb();
    fixture = await seedFixture(t.db);
    exportsDir = fs.mkdtempSync(path.join(os.tmpdir(), "srt-worker-cli-"));
  });
  afterAll(async () => {
    await t?.drop();
    fixture?.cleanup();
    fs.rmSync(exportsDir, { recursive: true, force: true });
  });

  const srt = (args: string[]) => {
    const child = spawn(process.execPath, ["bin/srt.mjs", ...args], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      env: {
        ...process.env,
        DATABASE_URL: t.config.provider === "sqlite" ? `file:${t.config.file}` : t.config.url,
        STORAGE_DRIVER: "local",
        STORAGE_DIR: fixture.storageDir,
        SRT_EXPORTS_DIR: exportsDir,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (c) => (output += c));
    child.stderr.on("data", (c) => (output += c));
    // "close", not "exit": the process may have exited before its last lines came through the pipes.
    const exited = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));
    return { child, exited, output: () => output };
  };

  it("runs queued exports and stops gracefully on SIGTERM", async () => {
    const queued = await startExportJob(t.db, { projectId: FIXTURE_PROJECT_ID, userId: "user-annotator", params: { tar: true } });
    const worker = srt(["worker", "--concurrency", "2", "--kinds", "export"]);
    try {
      await expect.poll(async () => (await t.db.exportJob.findUniqueOrThrow({ where: { id: queued.id } })).status, { timeout: 45_000, interval: 200 }).toBe("SUCCEEDED");
      // The export's row is finished first, its Job just after (two writes): wait for both.
      await expect.poll(async () => (await t.db.job.findUniqueOrThrow({ where: { id: queued.jobId! } })).status, { timeout: 10_000, interval: 100 }).toBe("SUCCEEDED");
    } catch (error) {
      worker.child.kill("SIGKILL"); // a failed attempt must not leave a worker behind to take the retry's job
      throw error;
    }
    worker.child.kill("SIGTERM");
    expect(await worker.exited).toBe(0);
    const log = worker.output();
    expect(log).toMatch(/running export jobs, 2 at once/);
    expect(log).toMatch(new RegExp(`job ${queued.jobId} \\(export\\) attempt 1/3: succeeded in`));
    expect(log).toMatch(/SIGTERM, finishing running jobs/);
    expect(fs.existsSync(path.join(exportsDir, `fixture-${queued.id}.tar.gz`))).toBe(true);
  });

  it("refuses an unknown kind or a bad concurrency", async () => {
    const bad = srt(["worker", "--kinds", "export,nope"]);
    const zero = srt(["worker", "--concurrency", "0"]);
    expect(await Promise.all([bad.exited, zero.exited])).toEqual([2, 2]);
    expect(bad.output()).toMatch(/--kinds: unknown kind "nope" \(known: export, [a-z, -]+\)/);
    expect(zero.output()).toMatch(/--concurrency/);
  });
});
