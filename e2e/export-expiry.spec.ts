// An export whose archive expired (deleted by the maintenance job after SRT_EXPORT_ARCHIVE_KEEP_DAYS):
// the export page says so instead of offering a download, and "Run again" queues the same export, which
// the server's worker runs to a new archive to download. (e2e/fixtures/prepare.ts seeds the expired one.)
import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures/auth";

test("an expired export says so and runs again with the same parameters", async ({ page }) => {
  await signIn(page, "researcher");
  await page.goto("/projects/expiry-e2e/export");
  const jobs = page.getByTestId("export-job");
  await expect(jobs).toHaveCount(1);
  const expired = jobs.first();
  await expect(expired).toHaveAttribute("data-status", "SUCCEEDED");
  await expect(expired.getByTestId("archive-expired")).toHaveText("Archive expired — run again to rebuild it.");
  await expect(expired.getByRole("link", { name: /Download/ })).toHaveCount(0);

  await expired.getByRole("button", { name: "Run again" }).click();
  await expect(jobs).toHaveCount(2);
  const again = jobs.first();
  await expect(again).toHaveAttribute("data-status", "SUCCEEDED", { timeout: 30_000 });
  await expect(again).toContainText("sharegpt");
  await expect(again).toContainText("seed 5");
  await expect(again.getByRole("link", { name: /Download \.tar\.gz/ })).toBeVisible();
  // The expired one stays, still expired.
  await expect(jobs.nth(1).getByTestId("archive-expired")).toBeVisible();

  await page.setViewportSize({ width: 390, height: 800 });
  await expect(jobs.nth(1).getByRole("button", { name: "Run again" })).toBeVisible();
});
