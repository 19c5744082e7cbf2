// The REST API v1 route handlers against a real database, storage and a job worker in this process:
// tokens, membership, field-named 400s, 202 + polling + download, manifest and image import. Every
// answer is parsed with the zod schema the OpenAPI document is generated from.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import tar from "tar-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { z } from "zod";
import { errorSchema, exportJobListSchema, exportJobSchema, importReportSchema, itemPageSchema, projectListSchema, uploadResultSchema } from "@/lib/api/schemas";
import type { SessionUser } from "@/lib/auth/roles";
import { createApiToken } from "@/lib/auth/tokens";
import { startExportJob } from "@/lib/export/job";
import { exportJobKind } from "@/lib/export/job-kind";
import { JobWorker } from "@/lib/jobs/worker";
import { FIXTURE_PROJECT_ID, seedFixture, type Fixture } from "@/lib/export/testing/fixture";
import { patternImage } from "@/lib/images/test-images";
import { createTestDb, type TestDb } from "@/lib/testing/db";
import { GET as getJob } from "./exports/[id]/route";
import { POST as cancelJob } from "./exports/[id]/cancel/route";
import { GET as download } from "./exports/[id]/download/route";
import { GET as openapi } from "./openapi.json/route";
import { GET as listProjects } from "./projects/route";
import { GET as listExports, POST as startExport } from "./projects/[slug]/exports/route";
import { POST as uploadImage } from "./projects/[slug]/images/route";
import { GET as listItems } from "./projects/[slug]/items/route";
import { POST as importManifest } from "./projects/[slug]/manifest/route";

type Who = "admin" | "researcher" | "annotator" | "stranger";
const BASE = "http://test.local/api/v1";

/** The files of a .tar.gz: path → bytes. */
async function untar(bytes: Buffer): Promise<Map<string, Buffer>> {
  const files = new Map<string, Buffer>();
  const extract = tar.extract();
  extract.on("entry", (header, stream, next) => {
    const chunks: Buffer[] = [];
    stream.on("data", (c) => chunks.push(c as Buffer));
    stream.on("end", () => {
      if (header.type === "file") files.set(header.name, Buffer.concat(chunks));
      next();
    });
  });
  const done = new Promise<void>((resolve, reject) => {
    extract.on("finish", resolve);
    extract.on("error", reject);
  });
  extract.end(zlib.gunzipSync(bytes));
  await done;
  return files;
}

describe(`REST API v1 (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  let fixture: Fixture;
  let exportsDir: string;
  const tokens = {} as Record<Who, string>;
  const users = {} as Record<Who, SessionUser>;
  const g = globalThis as { srtDb?: unknown; srtStorage?: unknown };
  let worker: JobWorker;

  beforeAll(async () => {
    t = await createTestDb();
    fixture = await seedFixture(t.db);
    exportsDir = fs.mkdtempSync(path.join(os.tmpdir(), "srt-v1-exports-"));
    process.env.SRT_EXPORTS_DIR = exportsDir;
    g.srtDb = t.db;
    g.srtStorage = fixture.storage;
    worker = new JobWorker({ db: t.db, kinds: [exportJobKind], pollMs: 100 }).start();
    const roles: Record<Who, SessionUser["role"]> = { admin: "ADMIN", researcher: "RESEARCHER", annotator: "ANNOTATOR", stranger: "RESEARCHER" };
    for (const [who, role] of Object.entries(roles) as [Who, SessionUser["role"]][]) {
      const row = await t.db.user.create({ data: { email: `${who}@v1.test`, name: who, role } });
      users[who] = { id: row.id, email: row.email, name: row.name, role };
      tokens[who] = (await createApiToken(t.db, users[who], { name: "v1 test" })).token;
    }
    for (const who of ["researcher", "annotator"] as const) await t.db.projectMember.create({ data: { projectId: FIXTURE_PROJECT_ID, userId: users[who].id } });
  });
  afterAll(async () => {
    await worker?.stop();
    delete g.srtDb;
    delete g.srtStorage;
    delete process.env.SRT_EXPORTS_DIR;
    await t?.drop();
    fixture?.cleanup();
    fs.rmSync(exportsDir, { recursive: true, force: true });
  });

  const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });
  const req = (who: Who | null, url: string, init: RequestInit = {}) =>
    new Request(`${BASE}${url}`, { ...init, headers: { ...(who ? { authorization: `Bearer ${tokens[who]}` } : {}), ...(init.headers as Record<string, string>) } });
  async function body<S extends z.ZodType>(response: Response, schema: S): Promise<z.output<S>> {
    return schema.parse(await response.json());
  }
  const postJson = (who: Who, slug: string, value: unknown) =>
    startExport(req(who, `/projects/${slug}/exports`, { method: "POST", body: JSON.stringify(value), headers: { "content-type": "application/json" } }), ctx({ slug }));

  async function pollUntilDone(who: Who, id: string) {
    // Up to 30 s: a loaded machine runs the export slowly.
    for (let i = 0; i < 600; i++) {
      const job = await body(await getJob(req(who, `/exports/${id}`), ctx({ id })), exportJobSchema);
      if (!["QUEUED", "RUNNING"].includes(job.status)) return job;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error("the export did not finish");
  }

  it("serves its OpenAPI document without credentials", async () => {
    const response = openapi();
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ openapi: "3.1.0", paths: { "/projects/{slug}/exports": { post: { operationId: "postProjectsBySlugExports" } } } });
  });

  it("lists the caller's projects", async () => {
    const mine = await body(await listProjects(req("researcher", "/projects"), ctx({})), projectListSchema);
    expect(mine.projects).toEqual([expect.objectContaining({ slug: "fixture", items: 7, images: 6 })]);
    expect((await body(await listProjects(req("stranger", "/projects"), ctx({})), projectListSchema)).projects).toEqual([]);
    expect((await listProjects(req(null, "/projects"), ctx({}))).status).toBe(401);
  });

  it("reads items with follow-ups in keyset pages; bad parameters are named", async () => {
    const first = await body(await listItems(req("annotator", "/projects/fixture/items?status=APPROVED&limit=4"), ctx({ slug: "fixture" })), itemPageSchema);
    expect(first.items).toHaveLength(4);
    expect(first.items.every((i) => i.status === "APPROVED" && i.followUps.length > 0)).toBe(true);
    const rest = await body(await listItems(req("annotator", `/projects/fixture/items?status=APPROVED&limit=4&cursor=${first.nextCursor}`), ctx({ slug: "fixture" })), itemPageSchema);
    expect(rest.nextCursor).toBeNull();
    expect(first.items.length + rest.items.length).toBe(6);
    expect([...first.items, ...rest.items].reduce((n, i) => n + i.followUps.length, 0)).toBe(12);

    const bad = await listItems(req("annotator", "/projects/fixture/items?limit=500&colour=red"), ctx({ slug: "fixture" }));
    expect(bad.status).toBe(400);
    const error = await body(bad, errorSchema);
    expect(error.issues?.map((i) => i.field).sort()).toEqual(["colour", "limit"]);
    expect(error.error).toMatch(/limit: /);

    expect((await listItems(req("stranger", "/projects/fixture/items"), ctx({ slug: "fixture" }))).status).toBe(403);
    expect((await listItems(req("admin", "/projects/nope/items"), ctx({ slug: "nope" }))).status).toBe(404);
  });

  it("starts an export (202), which runs in the background; poll, then download the archive", async () => {
    const response = await postJson("researcher", "fixture", { format: "sharegpt", seed: 7, tar: false });
    expect(response.status).toBe(202);
    const queued = await body(response, exportJobSchema);
    expect(response.headers.get("location")).toBe(`/api/v1/exports/${queued.id}`);
    expect(queued).toMatchObject({ project: "fixture", createdBy: "researcher", params: { format: "sharegpt", seed: 7, tar: true }, downloadUrl: null });

    const job = await pollUntilDone("researcher", queued.id);
    expect(job).toMatchObject({ status: "SUCCEEDED", percent: 100, done: 12, total: 12, counts: { records: 12 } });
    expect(job.downloadUrl).toBe(`/api/v1/exports/${job.id}/download`);

    const file = await download(req("researcher", job.downloadUrl!.replace("/api/v1", "")), ctx({ id: job.id }));
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("application/gzip");
    expect(file.headers.get("content-disposition")).toBe(`attachment; filename="fixture-${job.id}.tar.gz"; size=${job.bytes}`);
    const bytes = Buffer.from(await file.arrayBuffer());
    expect(Number(file.headers.get("content-length"))).toBe(bytes.length);
    expect(file.headers.get("etag")).toBe(`"${job.sha256}"`);
    const files = await untar(bytes);
    const manifest = JSON.parse(files.get(`fixture-${job.id}/manifest.json`)!.toString()) as { counts: { records: number }; format: string };
    expect(manifest).toMatchObject({ format: "sharegpt", counts: { records: 12 } });
    const lines = ["train", "val", "test"].flatMap((s) => files.get(`fixture-${job.id}/${s}.jsonl`)!.toString().split("\n").filter(Boolean));
    expect(lines).toHaveLength(12);

    const list = await body(await listExports(req("researcher", "/projects/fixture/exports?limit=5"), ctx({ slug: "fixture" })), exportJobListSchema);
    expect(list.jobs[0].id).toBe(job.id);
  });

  it("refuses bad export parameters naming the field, and callers without exportData or membership", async () => {
    const bad = await postJson("researcher", "fixture", { filters: { minScore: 9 }, colour: "red", splits: "train=0.5" });
    expect(bad.status).toBe(400);
    expect((await body(bad, errorSchema)).issues?.map((i) => i.field).sort()).toEqual(["colour", "filters.minScore", "splits"]);
    const notJson = await startExport(req("researcher", "/projects/fixture/exports", { method: "POST", body: "{nope", headers: { "content-type": "application/json" } }), ctx({ slug: "fixture" }));
    expect(notJson.status).toBe(400);
    const textPlain = await startExport(req("researcher", "/projects/fixture/exports", { method: "POST", body: "{}" }), ctx({ slug: "fixture" }));
    expect(textPlain.status).toBe(415);
    expect((await body(notJson, errorSchema)).issues?.[0].field).toBe("body");
    expect((await postJson("annotator", "fixture", {})).status).toBe(403);
    expect((await postJson("stranger", "fixture", {})).status).toBe(403);
    expect((await startExport(req(null, "/projects/fixture/exports", { method: "POST" }), ctx({ slug: "fixture" }))).status).toBe(401);
    expect(await t.db.exportJob.count({ where: { createdById: { in: [users.annotator.id, users.stranger.id] } } })).toBe(0);
  });

  it("refuses an export that matches no follow-up with 400 unless allowEmpty is true", async () => {
    const before = await t.db.exportJob.count();
    const nothing = { filters: { tags: ["no-such-tag"] } };
    const refused = await postJson("researcher", "fixture", nothing);
    expect(refused.status).toBe(400);
    expect((await body(refused, errorSchema)).error).toMatch(/would be empty.*allowEmpty/);
    expect((await postJson("researcher", "fixture", { ...nothing, allowEmpty: "yes" })).status).toBe(400);
    expect(await t.db.exportJob.count()).toBe(before);
    const confirmed = await postJson("researcher", "fixture", { ...nothing, allowEmpty: true });
    expect(confirmed.status).toBe(202);
    const job = await body(confirmed, exportJobSchema);
    expect(job.params).not.toHaveProperty("allowEmpty");
    // Confirmed, it runs like any export: an archive with no records.
    expect(await pollUntilDone("researcher", job.id)).toMatchObject({ status: "SUCCEEDED" });
  });

  it("cancels a queued job; a job without an archive cannot be downloaded; unknown and foreign jobs are refused", async () => {
    await worker.stop(); // no worker from here on: the job stays queued
    const queued = await startExportJob(t.db, { projectId: FIXTURE_PROJECT_ID, userId: users.researcher.id, params: { tar: true } });
    const cancelled = await body(await cancelJob(req("researcher", `/exports/${queued.id}/cancel`, { method: "POST" }), ctx({ id: queued.id })), exportJobSchema);
    expect(cancelled).toMatchObject({ status: "CANCELLED", cancelRequested: true });
    const none = await download(req("researcher", `/exports/${queued.id}/download`), ctx({ id: queued.id }));
    expect(none.status).toBe(409);
    expect((await body(none, errorSchema)).error).toMatch(/cancelled/);
    expect((await getJob(req("researcher", "/exports/nope"), ctx({ id: "nope" }))).status).toBe(404);
    expect((await getJob(req("stranger", `/exports/${queued.id}`), ctx({ id: queued.id }))).status).toBe(403);
    expect((await download(req("annotator", `/exports/${queued.id}/download`), ctx({ id: queued.id }))).status).toBe(403);
  });

  it("imports one image like the web uploader, then a manifest naming it by sha256 and another sent with its image", async () => {
    const image = await patternImage(320, 240, 41).png().toBuffer();
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(image)]), "api.png");
    form.append("license", "CC0-1.0");
    const uploaded = await uploadImage(req("annotator", "/projects/fixture/images", { method: "POST", body: form }), ctx({ slug: "fixture" }));
    expect(uploaded.status).toBe(201);
    const result = await body(uploaded, uploadResultSchema);
    const asset = await t.db.asset.findUniqueOrThrow({ where: { id: result.asset!.id } });
    expect(asset).toMatchObject({ license: "CC0-1.0", uploadedById: users.annotator.id });

    const line = (image: string, question: string) => JSON.stringify({ image, question, answer_type: "YES_NO", ground_truth: "yes" });
    const ndjson = await importManifest(
      req("annotator", "/projects/fixture/manifest", { method: "POST", body: `${line(`sha256:${asset.sha256}`, "Is it striped?")}\n`, headers: { "content-type": "application/x-ndjson" } }),
      ctx({ slug: "fixture" }),
    );
    expect(ndjson.status).toBe(200);
    expect(await body(ndjson, importReportSchema)).toMatchObject({ imported: 1, rejected: 0, failedLines: [] });

    const bundle = new FormData();
    bundle.append("manifest", new Blob([`${line("img/new.png", "Is it new?")}\n${line("img/missing.png", "Missing?")}\n`]), "batch.jsonl");
    bundle.append("images", new Blob([new Uint8Array(await patternImage(300, 300, 42).png().toBuffer())]), "img/new.png");
    bundle.append("source", "api test");
    const multipart = await importManifest(req("annotator", "/projects/fixture/manifest", { method: "POST", body: bundle }), ctx({ slug: "fixture" }));
    expect(multipart.status).toBe(200);
    const report = await body(multipart, importReportSchema);
    expect(report).toMatchObject({ imported: 1, unusedFiles: [] });
    expect(report.failedLines).toEqual([expect.objectContaining({ line: 2, error: expect.stringMatching(/^line 2: image: file not found: img\/missing\.png/) })]);
    const created = await t.db.item.findFirstOrThrow({ where: { question: "Is it new?" }, include: { asset: true } });
    expect(created.asset).toMatchObject({ source: "api test", uploadedById: users.annotator.id, originalFilename: "new.png" });

    const wrongType = await importManifest(req("annotator", "/projects/fixture/manifest", { method: "POST", body: "{}", headers: { "content-type": "application/json" } }), ctx({ slug: "fixture" }));
    expect(wrongType.status).toBe(415);
    expect((await body(wrongType, errorSchema)).issues?.[0].field).toBe("body");
    const noManifest = new FormData();
    noManifest.append("licence", "x");
    const missing = await importManifest(req("annotator", "/projects/fixture/manifest", { method: "POST", body: noManifest }), ctx({ slug: "fixture" }));
    expect((await body(missing, errorSchema)).issues?.map((i) => i.field).sort()).toEqual(["licence", "manifest"]);
    expect((await importManifest(req("stranger", "/projects/fixture/manifest", { method: "POST", body: noManifest }), ctx({ slug: "fixture" }))).status).toBe(403);
  });

  it("a revoked token gets 401", async () => {
    const created = await createApiToken(t.db, users.researcher, { name: "short-lived" });
    const call = () => listProjects(new Request(`${BASE}/projects`, { headers: { authorization: `Bearer ${created.token}` } }), ctx({}));
    expect((await call()).status).toBe(200);
    await t.db.apiToken.update({ where: { id: created.id }, data: { revokedAt: new Date() } });
    expect((await call()).status).toBe(401);
  });
});
