// Two app instances behind one PostgreSQL database and one S3 bucket, as a lab runs them behind a load
// balancer: a session and a token made on one work on the other, an image uploaded through A is served by
// B, and an export started on A (which takes no background work) is run by B and downloads byte for byte
// the same from either instance, from the bucket (no instance keeps it on its own disk), also while the
// other instance is down.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { ACCOUNTS, PASSWORD } from "../e2e/fixtures/accounts";
import { expect, test } from "./cluster-fixture";

test.describe.configure({ mode: "serial" });

let token = "";
let exportId = "";
const bearer = () => ({ authorization: `Bearer ${token}` });
const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");

test("a session and an API token made on instance A are accepted by instance B", async ({ cluster, page }) => {
  const [a, b] = [cluster.url("a"), cluster.url("b")];
  await page.goto(`${a}/signin`);
  await page.getByLabel("Email").fill(ACCOUNTS.researcher.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("whoami")).toContainText(ACCOUNTS.researcher.name);

  await page.goto(`${a}/account/tokens`);
  await page.getByLabel("Token name").fill("two instances");
  await page.getByRole("button", { name: "Create token" }).click();
  token = (await page.getByTestId("new-token").textContent())?.trim() ?? "";
  expect(token).toMatch(/^srt_/);

  // Same host, another port: the browser sends the session cookie to B, which must accept it (shared secret).
  await page.goto(`${b}/`);
  await expect(page.getByTestId("whoami")).toContainText(ACCOUNTS.researcher.name);
  const projects = await page.request.get(`${b}/api/v1/projects`, { headers: bearer() });
  expect(projects.status()).toBe(200);
});

test("an image uploaded through A is served by B, original and thumbnail", async ({ cluster, request }) => {
  const png = await sharp({ create: { width: 120, height: 80, channels: 3, background: { r: 200, g: 40, b: 90 } } })
    .composite([{ input: Buffer.from('<svg width="120" height="80"><rect x="30" y="20" width="50" height="30" fill="white"/></svg>') }])
    .png()
    .toBuffer();
  const upload = await request.post(`${cluster.url("a")}/api/v1/projects/demo/images`, {
    headers: bearer(),
    multipart: { file: { name: "shared.png", mimeType: "image/png", buffer: png }, license: "CC0-1.0" },
  });
  expect(upload.status(), await upload.text()).toBe(201);
  const { asset } = (await upload.json()) as { asset: { thumbUrl: string } };
  expect(asset.thumbUrl).toMatch(/^\/api\/images\/[^/]+\/[0-9a-f]{64}\/thumb$/);

  const original = await request.get(`${cluster.url("b")}${asset.thumbUrl.replace(/\/thumb$/, "/original")}`, { headers: bearer() });
  expect(original.status()).toBe(200);
  expect(sha256(await original.body())).toBe(sha256(png));
  const thumb = await request.get(`${cluster.url("b")}${asset.thumbUrl}`, { headers: bearer() });
  expect(thumb.status()).toBe(200);
  expect(thumb.headers()["content-type"]).toBe("image/webp");
  // It is in the bucket, and neither instance wrote it to a folder of its own.
  expect(await cluster.bucket().head(`originals/${sha256(png)}`)).toMatchObject({ size: png.length });
  for (const name of ["a", "b"]) expect(fs.existsSync(path.join(cluster.dataDir(name), "assets")), name).toBe(false);
});

test("an export started on A is run by B and downloads identically from A and B", async ({ cluster, request }) => {
  const started = await request.post(`${cluster.url("a")}/api/v1/projects/demo/exports`, { headers: bearer(), data: { format: "llava", seed: 7 } });
  expect(started.status(), await started.text()).toBe(202);
  const { id } = (await started.json()) as { id: string };
  exportId = id;

  // A takes no jobs (SRT_WORKER=off): B's worker claims it; progress is read from B, then from A.
  let job: { status: string; sha256: string | null; bytes: number | null; downloadUrl: string | null; error: string | null } | undefined;
  await expect
    .poll(
      async () => {
        const response = await request.get(`${cluster.url("b")}/api/v1/exports/${id}`, { headers: bearer() });
        job = await response.json();
        return job?.status;
      },
      { timeout: 60_000, intervals: [250, 500, 1000] },
    )
    .toMatch(/SUCCEEDED|FAILED|CANCELLED/);
  expect(job, job?.error ?? "").toMatchObject({ status: "SUCCEEDED", downloadUrl: `/api/v1/exports/${id}/download` });

  // Progress and the result are visible from A too.
  const fromA = await request.get(`${cluster.url("a")}/api/v1/exports/${id}`, { headers: bearer() });
  expect(await fromA.json()).toMatchObject({ status: "SUCCEEDED", sha256: job!.sha256, bytes: job!.bytes });

  const downloads = await Promise.all(
    ["a", "b"].map(async (name) => {
      const response = await request.get(`${cluster.url(name)}${job!.downloadUrl}`, { headers: bearer() });
      expect(response.status(), name).toBe(200);
      expect(response.headers()["content-disposition"], name).toContain(`demo-${id}.tar.gz`);
      return response.body();
    }),
  );
  expect(downloads[0].length).toBe(job!.bytes);
  expect(sha256(downloads[0])).toBe(job!.sha256);
  expect(downloads[1].equals(downloads[0])).toBe(true);

  // An interrupted download resumes from either instance: 206 with the bytes asked for.
  const resumed = await request.get(`${cluster.url("a")}${job!.downloadUrl}`, { headers: { ...bearer(), range: "bytes=100-", "if-range": `"${job!.sha256}"` } });
  expect(resumed.status()).toBe(206);
  expect(resumed.headers()["content-range"]).toBe(`bytes 100-${job!.bytes! - 1}/${job!.bytes}`);
  expect((await resumed.body()).equals(downloads[0].subarray(100))).toBe(true);

  // The archive lives in the bucket, not in either instance's exports folder.
  expect(await cluster.bucket().head(`exports/demo-${id}.tar.gz`)).toEqual({ size: job!.bytes, contentType: "application/gzip" });
  for (const name of ["a", "b"]) {
    const exportsDir = path.join(cluster.dataDir(name), "exports");
    const kept = fs.existsSync(exportsDir) ? fs.readdirSync(exportsDir).filter((f) => f.includes(id)) : [];
    expect(kept, name).toEqual([]);
  }
});

test("with B killed, A still serves the archive; B restarted serves it again", async ({ cluster, request }) => {
  await cluster.kill("b"); // SIGKILL, as a crash
  expect(cluster.isRunning("b")).toBe(false);
  const fromA = await request.get(`${cluster.url("a")}/api/v1/exports/${exportId}/download`, { headers: bearer() });
  expect(fromA.status()).toBe(200);
  const bytes = await fromA.body();
  await expect(request.get(`${cluster.url("b")}/api/health`, { timeout: 2000 })).rejects.toThrow();

  await cluster.startInstance("b");
  const fromB = await request.get(`${cluster.url("b")}/api/v1/exports/${exportId}/download`, { headers: bearer() });
  expect(fromB.status()).toBe(200);
  expect((await fromB.body()).equals(bytes)).toBe(true);
});

test("killing the instance running a job makes the other finish it, without asking the model twice", async ({ cluster, vlm, request }) => {
  test.setTimeout(180_000);
  const run = async (name: string, id: string) =>
    (await (await request.get(`${cluster.url(name)}/api/v1/projects/demo/eval-runs/${id}`, { headers: bearer() })).json()) as {
      status: string;
      done: number;
      total: number;
      error: string | null;
    };
  // A's worker is off: B's worker takes the run; the model answers slowly, so the run lasts.
  const started = await request.post(`${cluster.url("a")}/api/v1/projects/demo/eval-runs`, {
    headers: bearer(),
    data: { endpoint: "fake-vlm", name: "takeover", selection: { statuses: ["DRAFT", "SUBMITTED", "IN_REVIEW", "CHANGES_REQUESTED", "APPROVED", "REJECTED"] }, conditions: ["IMAGE", "TEXT"] },
  });
  expect(started.status(), await started.text()).toBe(202);
  const { id } = (await started.json()) as { id: string };
  await expect.poll(async () => (await run("a", id)).done, { timeout: 60_000, intervals: [200] }).toBeGreaterThanOrEqual(2);
  const before = await run("a", id);
  expect(before.status).toBe("RUNNING");
  expect(before.done).toBeLessThan(before.total);

  await cluster.kill("b"); // SIGKILL mid-run, as a crash
  // A is restarted with its worker on: after B's lease runs out (30 s), A takes the run over and finishes it.
  await cluster.kill("a", "SIGTERM");
  await cluster.startInstance("a", { SRT_WORKER: "on" });
  await expect.poll(async () => (await run("a", id)).status, { timeout: 120_000, intervals: [1000] }).toMatch(/SUCCEEDED|FAILED|CANCELLED/);
  const after = await run("a", id);
  expect(after, after.error ?? "").toMatchObject({ status: "SUCCEEDED", done: after.total, error: null });

  // Conversations stored before the kill were not asked again: only those in flight at the kill may repeat.
  // A second turn (it carries the model's first answer) is one conversation's, so count repeats of those.
  const secondTurns = vlm.requests
    .map((r) => (r.body as { messages: { role: string }[] }).messages)
    .filter((messages) => messages.some((m) => m.role === "assistant"))
    .map((messages) => JSON.stringify(messages));
  const repeated = secondTurns.length - new Set(secondTurns).size;
  expect(repeated).toBeLessThanOrEqual(4); // the endpoint's concurrency
});
