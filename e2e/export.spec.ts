// Export in the browser and over the REST API, against the demo project (4 APPROVED items with two
// follow-ups each = 8 records): tokens made in the UI, progress to 100 %, the downloaded archive, the
// same export through the API giving the same data files, and the API's refusals (403, 401).
import fs from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { signIn } from "./fixtures/auth";
import { untarGz, withoutTopFolder } from "./fixtures/archive";

test.describe.configure({ mode: "serial" });

const SEED = 1234;
let researcherToken = "";
let uiFiles = new Map<string, Buffer>();
let uiManifest: { parameters: unknown; counts: { records: number; splits: Record<string, { records: number }> }; files: { path: string; sha256: string }[] };

async function createToken(page: Page, name: string): Promise<string> {
  await page.getByRole("link", { name: "API tokens" }).click();
  await page.getByLabel("Token name").fill(name);
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())?.trim() ?? "";
  expect(token).toMatch(/^srt_[\w-]{40,}$/);
  return token;
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Follow-ups of the demo's approved items, counted through the API (8 unless another spec changed the demo). */
async function approvedFollowUps(request: APIRequestContext, token: string): Promise<number> {
  const response = await request.get("/api/v1/projects/demo/items?status=APPROVED&limit=200", { headers: bearer(token) });
  expect(response.status()).toBe(200);
  const { items } = (await response.json()) as { items: { followUps: unknown[] }[] };
  return items.reduce((n, item) => n + item.followUps.length, 0);
}

test("a researcher creates an API token in the UI; it is shown once", async ({ page }) => {
  await signIn(page, "researcher");
  researcherToken = await createToken(page, "export e2e");
  await expect(page.getByText("Copy it now: it will not be shown again.")).toBeVisible();
  await page.reload();
  await expect(page.getByTestId("new-token")).toHaveCount(0);
  await expect(page.getByTestId("token-export e2e")).toContainText(researcherToken.slice(0, 10));
});

test("a researcher exports in the UI: progress reaches 100 %, the archive holds the 8 approved follow-ups", async ({ page, request }) => {
  expect(await approvedFollowUps(request, researcherToken)).toBe(8);
  await signIn(page, "researcher");
  await page.getByRole("link", { name: /Demo: coloured shapes/ }).click();
  await page.getByRole("link", { name: "Export", exact: true }).click();
  await expect(page).toHaveURL(/\/projects\/demo\/export$/);
  await expect(page.getByText("No exports yet")).toBeVisible();
  await expect(page.getByText(/only approved items are exported/)).toBeVisible();
  await expect(page.getByTestId("export-summary")).toHaveText("8 follow-ups from 4 items match");

  // Ratios that do not sum to 1 are refused, named under the splits; the live summary follows the filters.
  await page.getByLabel("val", { exact: true }).fill("0.3");
  await page.getByRole("button", { name: "Start export" }).click();
  await expect(page.getByText("the ratios must sum to 1 (they sum to 1.2)", { exact: true })).toBeVisible();
  await expect(page.getByTestId("export-job")).toHaveCount(0);
  await page.getByLabel("val", { exact: true }).fill("0.1");
  await page.getByLabel("Submitted", { exact: true }).check();
  await expect(page.getByTestId("export-summary")).not.toHaveText("8 follow-ups from 4 items match");
  await page.getByLabel("Submitted", { exact: true }).uncheck();
  await expect(page.getByTestId("export-summary")).toHaveText("8 follow-ups from 4 items match");

  await page.getByLabel("Format", { exact: true }).selectOption("sharegpt");
  await page.getByLabel("Seed").fill(String(SEED));
  await page.getByRole("button", { name: "Start export" }).click();
  await expect(page.getByText("Export started: follow it in the list.")).toBeVisible();
  const job = page.getByTestId("export-job");
  await expect(job).toHaveCount(1);
  await expect(job).toHaveAttribute("data-status", "SUCCEEDED", { timeout: 30_000 });
  await expect(job.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");
  await expect(job.getByTestId("export-progress")).toHaveText("8 / 8 · 100 %");
  await expect(job.getByText("succeeded")).toBeVisible();
  await expect(job.getByTestId("split-total")).toContainText("8");
  await expect(page.getByRole("list", { name: "Export jobs" })).toHaveAttribute("data-polling", "no");

  const downloading = page.waitForEvent("download");
  await job.getByRole("link", { name: /Download \.tar\.gz/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^demo-\w+\.tar\.gz$/);
  const archive = fs.readFileSync((await download.path())!);
  uiFiles = withoutTopFolder(await untarGz(archive));
  expect([...uiFiles.keys()]).toEqual(expect.arrayContaining(["manifest.json", "README.md", "train.jsonl", "val.jsonl", "test.jsonl", "dataset_info.json"]));
  uiManifest = JSON.parse(uiFiles.get("manifest.json")!.toString());
  expect(uiManifest.counts.records).toBe(8);
  const lines = ["train", "val", "test"].flatMap((split) => uiFiles.get(`${split}.jsonl`)!.toString().split("\n").filter(Boolean));
  expect(lines).toHaveLength(8);
  for (const split of ["train", "val", "test"]) {
    expect(uiFiles.get(`${split}.jsonl`)!.toString().split("\n").filter(Boolean)).toHaveLength(uiManifest.counts.splits[split].records);
  }
  expect(JSON.parse(lines[0])).toHaveProperty("messages");
});

test("the same export through the API with the token: 202, poll to SUCCEEDED, download the same data files", async ({ request }) => {
  const started = await request.post("/api/v1/projects/demo/exports", { headers: bearer(researcherToken), data: { format: "sharegpt", seed: SEED } });
  expect(started.status()).toBe(202);
  const queued = (await started.json()) as { id: string; status: string };
  expect(started.headers().location).toBe(`/api/v1/exports/${queued.id}`);
  expect(["QUEUED", "RUNNING", "SUCCEEDED"]).toContain(queued.status);

  let job: { status: string; percent: number; downloadUrl: string | null; bytes: number | null; counts: { records: number } | null } = {
    status: "QUEUED",
    percent: 0,
    downloadUrl: null,
    bytes: null,
    counts: null,
  };
  await expect
    .poll(async () => {
      job = await (await request.get(`/api/v1/exports/${queued.id}`, { headers: bearer(researcherToken) })).json();
      return job.status;
    }, { timeout: 30_000, intervals: [250, 500, 1000] })
    .toBe("SUCCEEDED");
  expect(job).toMatchObject({ percent: 100, counts: { records: 8 } });

  const response = await request.get(job.downloadUrl!, { headers: bearer(researcherToken) });
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toBe("application/gzip");
  const body = await response.body();
  // Next.js 16 sends route handler bodies chunked, without Content-Length: the size is in the job and in
  // Content-Disposition's size parameter.
  expect(response.headers()["content-disposition"]).toBe(`attachment; filename="demo-${queued.id}.tar.gz"; size=${body.length}`);
  expect(job.bytes).toBe(body.length);
  if (response.headers()["content-length"] !== undefined) expect(Number(response.headers()["content-length"])).toBe(body.length);
  const apiFiles = withoutTopFolder(await untarGz(body));
  const apiManifest = JSON.parse(apiFiles.get("manifest.json")!.toString()) as typeof uiManifest;
  // Same data, seed and parameters: the same parameters, counts and data files, byte for byte
  // (only the manifest's and dataset card's timestamps differ).
  expect(apiManifest.parameters).toEqual(uiManifest.parameters);
  expect(apiManifest.counts).toEqual(uiManifest.counts);
  const dataFiles = (m: typeof uiManifest) => m.files.filter((f) => f.path !== "README.md");
  expect(dataFiles(apiManifest)).toEqual(dataFiles(uiManifest));
  expect([...apiFiles.keys()].sort()).toEqual([...uiFiles.keys()].sort());
  for (const [name, data] of uiFiles) {
    if (name === "manifest.json" || name === "README.md") continue;
    expect(apiFiles.get(name)!.equals(data), name).toBe(true);
  }

  // Without credentials: 401.
  expect((await request.get(`/api/v1/exports/${queued.id}`)).status()).toBe(401);
});

test("an annotator's token gets 403 on starting an export; the export page is refused too", async ({ page, request }) => {
  await signIn(page, "annotator");
  const token = await createToken(page, "annotator e2e");
  const response = await request.post("/api/v1/projects/demo/exports", { headers: bearer(token), data: { format: "srt" } });
  expect(response.status()).toBe(403);
  expect(await response.json()).toMatchObject({ error: expect.any(String) });
  // It still reads the projects it belongs to.
  expect((await request.get("/api/v1/projects", { headers: bearer(token) })).status()).toBe(200);
  await page.goto("/projects/demo");
  await expect(page.getByRole("link", { name: "Export", exact: true })).toHaveCount(0);
  await page.goto("/projects/demo/export");
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
});

test("a revoked token gets 401", async ({ page, request }) => {
  await signIn(page, "researcher");
  const token = await createToken(page, "to revoke");
  expect((await request.get("/api/v1/projects", { headers: bearer(token) })).status()).toBe(200);
  await page.getByTestId("token-to revoke").getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByTestId("token-to revoke").getByText("revoked")).toBeVisible();
  const refused = await request.get("/api/v1/projects", { headers: bearer(token) });
  expect(refused.status()).toBe(401);
  expect(await refused.json()).toMatchObject({ error: expect.any(String) });
  // The other token still works.
  expect((await request.get("/api/v1/projects", { headers: bearer(researcherToken) })).status()).toBe(200);
});
