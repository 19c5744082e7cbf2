// The export form's server actions: the form's text fields become export parameters, errors are named
// by form field, the live summary counts with the export's selection. (Not in app/_actions: the guard
// test imports every module there as actions.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/roles";
import { FIXTURE_PROJECT_ID, seedFixture, type Fixture } from "@/lib/export/testing/fixture";
import { createTestDb, type TestDb } from "@/lib/testing/db";
import { startExportJob } from "@/lib/export/job";
import { rerunExportJob } from "@/lib/export/rerun";
import { cancelExportAction, exportSummaryAction, rerunExportAction, startExportAction } from "@/app/_actions/export";

describe(`export form actions (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  let fixture: Fixture;
  let researcher: SessionUser;
  let stranger: SessionUser;
  const g = globalThis as { srtDb?: unknown };

  // What the browser sends for the untouched form.
  const defaults = { projectId: FIXTURE_PROJECT_ID, format: "srt", variant: "srt", seed: "42", train: "0.8", val: "0.1", test: "0.1", statuses: "APPROVED", tags: "", minScore: "", gold: "include", copyImages: "on" };

  beforeAll(async () => {
    t = await createTestDb();
    fixture = await seedFixture(t.db);
    g.srtDb = t.db;
    const make = async (email: string) => {
      const row = await t.db.user.create({ data: { email, name: email, role: "RESEARCHER" } });
      return { id: row.id, email, name: email, role: "RESEARCHER" as const };
    };
    researcher = await make("researcher@actions.test");
    stranger = await make("stranger@actions.test");
    await t.db.projectMember.create({ data: { projectId: FIXTURE_PROJECT_ID, userId: researcher.id } });
  });
  afterAll(async () => {
    delete g.srtDb;
    await t?.drop();
    fixture?.cleanup();
  });

  it("counts what the form's parameters select", async () => {
    expect(await exportSummaryAction.run(researcher, defaults)).toEqual({ ok: true, data: { records: 12, items: 6 } });
    const both = await exportSummaryAction.run(researcher, { ...defaults, statuses: ["APPROVED", "DRAFT"] });
    expect(both).toMatchObject({ ok: true, data: { items: 7 } });
    expect(await exportSummaryAction.run(researcher, { ...defaults, tags: "nope, never" })).toEqual({ ok: true, data: { records: 0, items: 0 } });
  });

  it("names the form field at fault and queues nothing", async () => {
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ val: "0.3" }, "splits", /sum to 1/],
      [{ train: "" }, "train", /number/],
      [{ minScore: "9" }, "minScore", /1 to 5/],
      [{ statuses: undefined }, "statuses", /at least one status/],
      [{ format: "csv" }, "format", /.+/],
      [{ tags: "a".repeat(70) }, "tags", /.+/],
    ];
    for (const [change, field, message] of cases) {
      const result = await startExportAction.run(researcher, { ...defaults, ...change });
      expect(result, JSON.stringify(change)).toMatchObject({ ok: false, status: 400 });
      if (result.ok) continue;
      expect(result.fieldErrors?.[field], JSON.stringify(change)).toMatch(message);
    }
    expect(await t.db.exportJob.count()).toBe(0);
  });

  it("refuses a project the user is not a member of, and an unknown job", async () => {
    expect(await startExportAction.run(stranger, defaults)).toMatchObject({ ok: false, status: 403 });
    expect(await exportSummaryAction.run(stranger, defaults)).toMatchObject({ ok: false, status: 403 });
    expect(await cancelExportAction.run(researcher, { jobId: "nope" })).toMatchObject({ ok: false, status: 404, fieldErrors: { jobId: 'No export job "nope".' } });
  });

  it("runs an export again with its stored parameters (an expired archive); refuses strangers and unknown jobs", async () => {
    const earlier = await startExportJob(t.db, { projectId: FIXTURE_PROJECT_ID, userId: researcher.id, params: { format: "llava", seed: 9, tar: true } });
    await t.db.exportJob.update({ where: { id: earlier.id }, data: { status: "SUCCEEDED", outputPath: null, finishedAt: new Date() } });
    // (The action's success path revalidates the page, which needs a Next.js request: call what it calls.)
    const again = await rerunExportJob(t.db, { exportJobId: earlier.id, userId: researcher.id });
    expect(again.id).not.toBe(earlier.id);
    expect(again).toMatchObject({ status: "QUEUED", projectId: FIXTURE_PROJECT_ID, createdById: researcher.id, params: earlier.params });
    expect(await t.db.job.count({ where: { id: again.jobId!, kind: "export", status: "QUEUED" } })).toBe(1);
    expect(await t.db.exportJob.findUniqueOrThrow({ where: { id: earlier.id } })).toMatchObject({ status: "SUCCEEDED", outputPath: null });
    expect(await rerunExportAction.run(stranger, { jobId: earlier.id })).toMatchObject({ ok: false, status: 403 });
    expect(await rerunExportAction.run(researcher, { jobId: "nope" })).toMatchObject({ ok: false, status: 404 });
  });
});
