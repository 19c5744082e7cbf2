// Images in the browser: drag-and-drop and folder uploads with per-file results, the asset grid and
// detail page, and who may fetch an image URL. Real Chromium, real server, images generated here.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "@playwright/test";
import { sharp } from "../lib/images/sharp";
import { patternImage } from "../lib/images/test-images";
import { signIn } from "./fixtures/auth";

interface UploadFile {
  name: string;
  mimeType: string;
  buffer: Buffer;
}

/** A real drop on the page: a DataTransfer made in the page, carrying the files, dispatched as drag events. */
async function dropFiles(page: Page, files: UploadFile[]) {
  const dataTransfer = await page.evaluateHandle(
    (specs) => {
      const transfer = new DataTransfer();
      for (const spec of specs) {
        const bytes = Uint8Array.from(atob(spec.base64), (c) => c.charCodeAt(0));
        transfer.items.add(new File([bytes], spec.name, { type: spec.mimeType }));
      }
      return transfer;
    },
    files.map((f) => ({ name: f.name, mimeType: f.mimeType, base64: f.buffer.toString("base64") })),
  );
  const zone = page.getByTestId("drop-zone");
  await zone.dispatchEvent("dragenter", { dataTransfer });
  await zone.dispatchEvent("dragover", { dataTransfer });
  await expect(zone).toContainText("Drop to upload");
  await zone.dispatchEvent("drop", { dataTransfer });
}

const row = (page: Page, name: string) => page.getByTestId("upload-row").filter({ has: page.getByTitle(name, { exact: true }) });
const card = (page: Page, name: string) => page.getByTestId("asset-card").filter({ has: page.getByTitle(name, { exact: true }) });

async function expectLoaded(page: Page, locator: ReturnType<Page["locator"]>) {
  await locator.scrollIntoViewIfNeeded();
  await expect.poll(() => locator.evaluate((img: HTMLImageElement) => (img.complete ? img.naturalWidth : 0))).toBeGreaterThan(0);
}

const sha256 = (buffer: Buffer) => createHash("sha256").update(buffer).digest("hex");

test("drag and drop: imported, duplicate, near-duplicate and rejected files each get their result; the grid and the detail page show them", async ({ page }) => {
  const first = await patternImage(640, 480, 301).png().toBuffer();
  const firstSmall = await sharp(first).resize(320).jpeg({ quality: 70 }).toBuffer();
  const second = await patternImage(600, 400, 302).jpeg({ quality: 85 }).toBuffer();

  await signIn(page, "annotator");
  await page.goto("/projects/demo/assets");
  await expect(page.getByRole("heading", { name: "Upload images" })).toBeVisible();
  const allBefore = Number(await page.getByTestId("filter-count-all").textContent());

  await dropFiles(page, [{ name: "first.png", mimeType: "image/png", buffer: first }]);
  await expect(row(page, "first.png")).toHaveAttribute("data-status", "imported");

  await dropFiles(page, [
    { name: "copy-of-first.png", mimeType: "image/png", buffer: first },
    { name: "first-small.jpg", mimeType: "image/jpeg", buffer: firstSmall },
    { name: "second.jpg", mimeType: "image/jpeg", buffer: second },
    { name: "broken.png", mimeType: "image/png", buffer: Buffer.from("this is not an image, whatever its name says") },
  ]);
  await expect(page.getByTestId("upload-summary")).toContainText("5 of 5 done · 3 imported (1 possible near-duplicate) · 1 duplicate · 1 rejected");
  const firstHref = await row(page, "first.png").getByRole("link", { name: "first.png" }).getAttribute("href");
  expect(firstHref).toMatch(/^\/projects\/demo\/assets\/\w+$/);

  await expect(row(page, "copy-of-first.png")).toHaveAttribute("data-status", "duplicate");
  await expect(row(page, "copy-of-first.png")).toContainText("duplicate of first.png");
  await expect(row(page, "copy-of-first.png").getByRole("link", { name: "first.png" })).toHaveAttribute("href", firstHref!);

  await expect(row(page, "first-small.jpg")).toHaveAttribute("data-status", "near-duplicate");
  await expect(row(page, "first-small.jpg")).toContainText(/imported as first-small\.jpg · possible near-duplicate of first\.png \(distance \d+\)/);
  await expect(row(page, "first-small.jpg").getByRole("link", { name: "first.png" })).toHaveAttribute("href", firstHref!);

  await expect(row(page, "second.jpg")).toHaveAttribute("data-status", "imported");
  await expect(row(page, "broken.png")).toHaveAttribute("data-status", "rejected");
  await expect(row(page, "broken.png")).toContainText("rejected: not an image");
  await expect(page.getByRole("button", { name: /Retry failed/ })).toHaveCount(0);

  // The grid refreshes with the new thumbnails, newest first, and they load.
  await expect(page.getByTestId("filter-count-all")).toHaveText(String(allBefore + 3));
  for (const name of ["first.png", "first-small.jpg", "second.jpg"]) {
    const thumbnail = card(page, name).locator("img");
    await expect(thumbnail).toHaveAttribute("loading", "lazy");
    await expect(thumbnail).toHaveAttribute("width", /\d+/);
    await expectLoaded(page, thumbnail);
  }
  await expect(card(page, "broken.png")).toHaveCount(0);

  // The asset detail page: display image, metadata, items, near-duplicate group, links.
  await row(page, "first-small.jpg").getByRole("link", { name: "first-small.jpg" }).click();
  await expect(page.getByRole("heading", { name: "first-small.jpg" })).toBeVisible();
  const metadata = page.getByTestId("asset-metadata");
  await expect(metadata).toContainText("320 × 240 px");
  await expect(metadata).toContainText("image/jpeg");
  await expect(metadata).toContainText(sha256(firstSmall));
  await expect(metadata).toContainText("Ann Annotator (annotator@e2e.test)");
  await expect(metadata).toContainText(/Perceptual hash[0-9a-f]{16}/);
  await expectLoaded(page, page.getByTestId("display-image"));
  await expect(page.getByText("No item uses this image yet.")).toBeVisible();
  const group = page.getByTestId("near-duplicates");
  await expect(group.getByRole("link")).toHaveCount(1);
  await expect(group.getByRole("link")).toContainText(/first\.png\s*distance \d+/);
  await expect(group.getByRole("link")).toHaveAttribute("href", firstHref!);
  await expectLoaded(page, group.locator("img"));
  const assetId = page.url().split("/").pop();
  await expect(page.getByRole("link", { name: "New item for this image" })).toHaveAttribute("href", `/projects/demo/items/new?asset=${assetId}`);
  const download = page.getByRole("link", { name: /Download original/ });
  const [file] = await Promise.all([page.waitForEvent("download"), download.click()]);
  expect(file.suggestedFilename()).toBe("first-small.jpg");
  expect(sha256(fs.readFileSync(await file.path()))).toBe(sha256(firstSmall));
});

test("a whole folder from the folder picker, with the batch's source and license; hidden files skipped", async ({ page }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "srt-e2e-folder-"));
  try {
    fs.mkdirSync(path.join(dir, "album", "nested"), { recursive: true });
    fs.writeFileSync(path.join(dir, "album", "one.png"), await patternImage(300, 200, 303).png().toBuffer());
    fs.writeFileSync(path.join(dir, "album", "nested", "two.jpg"), await patternImage(200, 300, 304).jpeg().toBuffer());
    fs.writeFileSync(path.join(dir, "album", "notes.txt"), "shot on a Tuesday");
    fs.writeFileSync(path.join(dir, "album", ".DS_Store"), "junk");

    await signIn(page, "annotator");
    await page.goto("/projects/demo/assets");
    await page.getByLabel("Source").fill("field trip");
    await page.getByLabel("License").fill("CC-BY-4.0");
    await page.getByTestId("pick-folder").setInputFiles(path.join(dir, "album"));

    await expect(row(page, "album/one.png")).toHaveAttribute("data-status", "imported");
    await expect(row(page, "album/nested/two.jpg")).toHaveAttribute("data-status", "imported");
    await expect(row(page, "album/notes.txt")).toContainText("rejected: not an image");
    await expect(page.getByTestId("upload-row").filter({ hasText: ".DS_Store" })).toHaveCount(0);
    await expect(page.getByTestId("upload-summary")).toContainText("3 of 3 done · 2 imported · 0 duplicates · 1 rejected");

    await row(page, "album/nested/two.jpg").getByRole("link", { name: "two.jpg" }).click();
    const metadata = page.getByTestId("asset-metadata");
    await expect(metadata).toContainText("200 × 300 px");
    await expect(metadata).toContainText(/Sourcefield trip/);
    await expect(metadata).toContainText(/LicenseCC-BY-4.0/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test("image URLs: members get immutable, revalidated images; another project's annotator gets 403, anonymous 401", async ({ page, browser }) => {
  await signIn(page, "annotator");
  await page.goto("/projects/demo/assets?filter=all");
  // Demo assets are the ones with items.
  const demoThumb = page.getByTestId("asset-card").filter({ hasNotText: "no items" }).first().locator("img");
  const src = (await demoThumb.getAttribute("src"))!;
  expect(src).toMatch(/^\/api\/images\/\w+\/[0-9a-f]{64}\/thumb$/);

  const ok = await page.request.get(src);
  expect(ok.status()).toBe(200);
  const headers = ok.headers();
  expect(headers["cache-control"]).toBe("private, max-age=31536000, immutable");
  expect(headers["content-type"]).toBe("image/webp");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers.etag).toBe(`"${src.split("/")[4]}-thumb"`);
  expect((await ok.body()).subarray(8, 12).toString("latin1")).toBe("WEBP");

  const revalidated = await page.request.get(src, { headers: { "if-none-match": headers.etag } });
  expect(revalidated.status()).toBe(304);
  expect(revalidated.headers()["cache-control"]).toBe("private, max-age=31536000, immutable");

  const original = await page.request.get(src.replace(/thumb$/, "original"));
  expect(original.status()).toBe(200);
  expect(original.headers()["content-disposition"]).toMatch(/^attachment; filename="[^"]+"; filename\*=UTF-8''/);

  const outsider = await browser.newContext();
  const outsiderPage = await outsider.newPage();
  await signIn(outsiderPage, "outsider");
  expect((await outsiderPage.request.get(src)).status()).toBe(403);
  expect((await outsiderPage.request.get(src.replace(/thumb$/, "original"))).status()).toBe(403);
  // Their own project has no images yet: the empty state invites a drop.
  await outsiderPage.goto("/projects/other/assets");
  await expect(outsiderPage.getByText("Drop images here")).toBeVisible();
  await outsider.close();

  const anonymous = await browser.newContext();
  expect((await anonymous.request.get(new URL(src, page.url()).toString())).status()).toBe(401);
  await anonymous.close();
});

test("the grid pages with Load more and filters; reviewers browse without an uploader", async ({ page, browser }) => {
  await signIn(page, "researcher");
  for (let i = 0; i < 45; i++) {
    const buffer = await patternImage(48, 36, 1000 + i).png().toBuffer();
    const response = await page.request.post("/api/projects/demo/assets", { headers: { origin: new URL(page.url()).origin }, multipart: { file: { name: `tiny-${i}.png`, mimeType: "image/png", buffer } } });
    expect([200, 201]).toContain(response.status());
  }
  await page.goto("/projects/demo/assets");
  const total = Number(await page.getByTestId("filter-count-all").textContent());
  expect(total).toBeGreaterThan(48);
  await expect(page.getByTestId("asset-card")).toHaveCount(48);
  await expect(page.getByTestId("grid-shown")).toHaveText(`Showing 48 of ${total}`);
  await page.getByRole("button", { name: "Load more" }).click();
  await expect(page.getByTestId("asset-card")).toHaveCount(Math.min(total, 96));
  if (total <= 96) await expect(page.getByRole("button", { name: "Load more" })).toHaveCount(0);
  // The oldest images are the demo's; the last card now loads too.
  await expectLoaded(page, page.getByTestId("asset-card").last().locator("img"));

  await page.getByRole("link", { name: /^Without items/ }).click();
  await expect(page).toHaveURL(/filter=without-items/);
  await expect(page.getByTestId("asset-card").filter({ hasNotText: "no items" })).toHaveCount(0);
  await page.getByRole("link", { name: /^Near-duplicates/ }).click();
  await expect(card(page, "first.png")).toBeVisible();
  await expect(card(page, "first-small.jpg")).toBeVisible();
  await expect(card(page, "second.jpg")).toHaveCount(0);

  const reviewer = await browser.newContext();
  const reviewerPage = await reviewer.newPage();
  await signIn(reviewerPage, "reviewer");
  await reviewerPage.goto("/projects/demo/assets");
  await expect(reviewerPage.getByRole("heading", { name: /^Images/ })).toBeVisible();
  await expect(reviewerPage.getByRole("heading", { name: "Upload images" })).toHaveCount(0);
  await expect(reviewerPage.getByTestId("asset-card").first()).toBeVisible();
  await reviewer.close();
});
