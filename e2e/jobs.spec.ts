// The admin's jobs list: an export started in the UI shows up as a Job of kind "export" that this
// instance's worker ran to the end; other roles are refused the page; it fits a 390 px screen.
import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures/auth";

test("an export shows up in the admin's jobs list, run by the server's worker", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/projects/demo/export");
  await page.getByRole("button", { name: "Start export" }).click();
  await expect(page.getByText("Export started: follow it in the list.")).toBeVisible();

  await page.getByRole("link", { name: "Jobs", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/jobs$/);
  const row = page.getByRole("table", { name: "Background jobs" }).getByRole("row").nth(1);
  await expect(row).toContainText("export");
  await expect(row).toContainText("Demo: coloured shapes");
  await expect(async () => {
    await page.reload();
    await expect(row).toContainText("succeeded", { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
  await expect(row).toContainText("1 / 3");
  await expect(row.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "100");

  await page.setViewportSize({ width: 390, height: 800 });
  await page.reload();
  await expect(row).toContainText("export");
  // The table scrolls inside its card; the page itself does not scroll sideways.
  const wide = await page.evaluate(() =>
    [...document.querySelectorAll("body *")]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.closest(".overflow-x-auto"))
      .map((el) => `${el.tagName}.${el.className}`)
      .slice(0, 5),
  );
  expect(wide).toEqual([]);
});

test("only admins see the jobs list", async ({ page }) => {
  await signIn(page, "researcher");
  await expect(page.getByRole("link", { name: "Jobs", exact: true })).toHaveCount(0);
  await page.goto("/admin/jobs");
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
});
