// The REST API with a personal access token made in the UI: projects, items with follow-ups in keyset
// pages, the public OpenAPI document, and importing an image and manifests over the API into a project
// of its own (so the demo's numbers stay as other specs expect them).
import { expect, test, type Page } from "@playwright/test";
import sharp from "sharp";
import { signIn } from "./fixtures/auth";

test.describe.configure({ mode: "serial" });

let token = "";
const auth = () => ({ authorization: `Bearer ${token}` });

async function createToken(page: Page, name: string) {
  await page.goto("/account/tokens");
  await page.getByLabel("Token name").fill(name);
  await page.getByRole("button", { name: "Create token" }).click();
  const value = (await page.getByTestId("new-token").textContent())?.trim() ?? "";
  expect(value).toMatch(/^srt_/);
  return value;
}

const png = (r: number, g: number, b: number, width = 96) =>
  sharp({ create: { width, height: 64, channels: 3, background: { r, g, b } } })
    .composite([{ input: Buffer.from(`<svg width="${width}" height="64"><circle cx="${r % 60 + 20}" cy="32" r="${g % 20 + 8}" fill="white"/></svg>`) }])
    .png()
    .toBuffer();

test("a researcher's token lists their projects and reads items with follow-ups page by page", async ({ page, request }) => {
  await signIn(page, "researcher");
  token = await createToken(page, "api e2e");

  const projects = await request.get("/api/v1/projects", { headers: auth() });
  expect(projects.status()).toBe(200);
  const { projects: list } = (await projects.json()) as { projects: { slug: string; items: number; images: number }[] };
  const demo = list.find((p) => p.slug === "demo");
  expect(demo?.items).toBeGreaterThanOrEqual(12);
  expect(list.map((p) => p.slug)).not.toContain("other"); // not a member

  const seen: { id: string; status: string; followUps: { kind: string; evidence: string }[]; image: { url: string } }[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const url: string = `/api/v1/projects/demo/items?status=APPROVED&limit=3${cursor ? `&cursor=${cursor}` : ""}`;
    const response = await request.get(url, { headers: auth() });
    expect(response.status()).toBe(200);
    const body = (await response.json()) as { items: typeof seen; nextCursor: string | null };
    seen.push(...body.items);
    cursor = body.nextCursor;
    pages++;
  } while (cursor && pages < 10);
  expect(pages).toBe(2);
  expect(seen).toHaveLength(4);
  expect(new Set(seen.map((i) => i.id)).size).toBe(4);
  expect(seen.every((i) => i.status === "APPROVED" && i.followUps.length === 2)).toBe(true);
  expect(seen.flatMap((i) => i.followUps.map((f) => f.kind)).sort()).toEqual(["CORRECTIVE", "CORRECTIVE", "CORRECTIVE", "CORRECTIVE", "MISLEADING", "MISLEADING", "MISLEADING", "MISLEADING"]);
  // The image URL works with the same token.
  const image = await request.get(seen[0].image.url, { headers: auth() });
  expect(image.status()).toBe(200);

  // Bad parameters are named; other projects and missing credentials are refused.
  const bad = await request.get("/api/v1/projects/demo/items?limit=0&status=DONE", { headers: auth() });
  expect(bad.status()).toBe(400);
  const error = (await bad.json()) as { error: string; issues: { field: string; message: string }[] };
  expect(error.issues.map((i) => i.field).sort()).toEqual(["limit", "status"]);
  expect((await request.get("/api/v1/projects/other/items", { headers: auth() })).status()).toBe(403);
  expect((await request.get("/api/v1/projects/demo/items")).status()).toBe(401);
  expect((await request.get("/api/v1/projects/demo/items", { headers: { authorization: "Bearer srt_not-a-token" } })).status()).toBe(401);
});

test("the OpenAPI document is public, valid JSON, and describes every route with bearer auth", async ({ request }) => {
  const response = await request.get("/api/v1/openapi.json");
  expect(response.status()).toBe(200);
  expect(response.headers()["content-type"]).toContain("application/json");
  const doc = JSON.parse(await response.text()) as {
    openapi: string;
    servers: { url: string }[];
    paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    components: { securitySchemes: Record<string, { type: string; scheme?: string }>; schemas: Record<string, unknown> };
  };
  expect(doc.openapi).toBe("3.1.0");
  expect(doc.servers[0].url).toBe("/api/v1");
  expect(Object.keys(doc.paths).sort()).toEqual(
    [
      "/exports/{id}",
      "/exports/{id}/cancel",
      "/exports/{id}/download",
      "/items/{id}/reviews",
      "/models/endpoints",
      "/models/endpoints/{id}",
      "/openapi.json",
      "/projects",
      "/projects/{slug}/eval-runs",
      "/projects/{slug}/eval-runs/{id}",
      "/projects/{slug}/eval-runs/{id}/cancel",
      "/projects/{slug}/eval-runs/{id}/results",
      "/projects/{slug}/exports",
      "/projects/{slug}/images",
      "/projects/{slug}/items",
      "/projects/{slug}/manifest",
      "/projects/{slug}/quality",
    ].sort(),
  );
  expect(Object.keys(doc.paths["/projects/{slug}/exports"]).sort()).toEqual(["get", "post"]);
  expect(doc.paths["/projects/{slug}/exports"].post.responses).toHaveProperty("202");
  expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
  expect(doc.components.schemas).toHaveProperty("ExportParams");
  expect(doc.components.schemas).toHaveProperty("Error");
});

test("images and manifests are imported over the API, as in the UI", async ({ page, request }) => {
  // A project of its own, made in the UI.
  await signIn(page, "researcher");
  await page.getByLabel("Name").fill("API imports");
  await page.getByLabel("Slug").fill("api-imports");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(/\/projects\/api-imports$/);

  const red = await png(200, 30, 30);
  const upload = () => request.post("/api/v1/projects/api-imports/images", { headers: auth(), multipart: { file: { name: "red.png", mimeType: "image/png", buffer: red }, license: "CC0-1.0" } });
  const first = await upload();
  expect(first.status()).toBe(201);
  const imported = (await first.json()) as { status: string; asset: { id: string; href: string } };
  expect(imported).toMatchObject({ status: "imported", filename: "red.png" });
  const again = await upload();
  expect(again.status()).toBe(200);
  expect(await again.json()).toMatchObject({ status: "duplicate", asset: { id: imported.asset.id } });
  const text = await request.post("/api/v1/projects/api-imports/images", { headers: auth(), multipart: { file: { name: "notes.png", mimeType: "image/png", buffer: Buffer.from("not an image") } } });
  expect(text.status()).toBe(422);
  expect(await text.json()).toMatchObject({ status: "rejected", reason: expect.any(String) });
  const noFile = await request.post("/api/v1/projects/api-imports/images", { headers: auth(), multipart: { licence: "typo" } });
  expect(noFile.status()).toBe(400);
  expect(((await noFile.json()) as { issues: { field: string }[] }).issues.map((i) => i.field).sort()).toEqual(["file", "licence"]);

  // A manifest naming the uploaded image by its sha256 …
  const sha256 = (await import("node:crypto")).createHash("sha256").update(red).digest("hex");
  const line = (image: string, question: string) => JSON.stringify({ image, question, answer_type: "YES_NO", ground_truth: "yes", tags: ["api"] });
  const byRef = await request.post("/api/v1/projects/api-imports/manifest", {
    headers: { ...auth(), "content-type": "application/x-ndjson" },
    data: `${line(`sha256:${sha256}`, "Is there a red background?")}\n`,
  });
  expect(byRef.status()).toBe(200);
  expect(await byRef.json()).toMatchObject({ imported: 1, failedLines: [] });

  // … and one sent together with its image, under the path the manifest uses.
  const blue = await png(30, 30, 200, 80);
  const bundle = await request.post("/api/v1/projects/api-imports/manifest", {
    headers: auth(),
    multipart: {
      manifest: { name: "batch.jsonl", mimeType: "application/x-ndjson", buffer: Buffer.from(`${line("img/blue.png", "Is the background blue?")}\n`) },
      images: { name: "img/blue.png", mimeType: "image/png", buffer: blue },
      source: "api e2e",
    },
  });
  expect(bundle.status()).toBe(200);
  const report = (await bundle.json()) as { imported: number; failedLines: unknown[]; unusedFiles: string[] };
  expect(report).toMatchObject({ imported: 1, failedLines: [], unusedFiles: [] });

  const items = (await (await request.get("/api/v1/projects/api-imports/items", { headers: auth() })).json()) as { items: { question: string; tags: string[] }[] };
  expect(items.items.map((i) => i.question).sort()).toEqual(["Is the background blue?", "Is there a red background?"]);
  expect(items.items.every((i) => i.tags.includes("api"))).toBe(true);

  // The same items in the UI.
  await page.goto("/projects/api-imports/items");
  await expect(page.getByText("Is the background blue?")).toBeVisible();
  await expect(page.getByText("Is there a red background?")).toBeVisible();
});
