// Quality in a real browser: the dashboard (charts, tables, CSV) for a researcher and 403 for an
// annotator, the audit log's filters, and gold: a researcher marks a demo item gold, an annotator is
// served a blind copy, submits it, and the researcher sees the score. Runs last (alphabetically) and puts
// the demo's gold settings back; the annotator's submitted copy stays (one more SUBMITTED item).
import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures/auth";

test("a researcher sees the quality dashboard with charts, tables and CSV downloads; an annotator gets 403", async ({ page, browser }) => {
  await signIn(page, "researcher");
  await page.goto("/projects/demo");
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Quality" }).click();
  await expect(page).toHaveURL(/\/projects\/demo\/quality$/);
  await expect(page.getByRole("img", { name: "Items per status over time" })).toBeVisible();
  const statusTable = page.getByRole("table", { name: "Items per status" });
  await expect(statusTable.getByRole("columnheader", { name: "Approved" })).toBeVisible();
  await expect(statusTable.getByRole("row")).toHaveCount(31); // header + the default 30 days
  await expect(page.getByRole("table", { name: "Mean rubric score" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Reviewer agreement" })).toContainText("Krippendorff's α (ordinal)");

  const href = await page.getByRole("link", { name: "Download CSV" }).first().getAttribute("href");
  const csv = await page.request.get(href!);
  expect(csv.status()).toBe(200);
  expect(csv.headers()["content-type"]).toMatch(/^text\/csv/);
  expect((await csv.text()).split("\r\n")[0]).toBe("Day,Draft,Submitted,In review,Changes requested,Approved,Rejected");

  // Filters live in the URL; a bad one is named, not fatal.
  await page.getByLabel("From", { exact: true }).fill("2020-01-01");
  await page.getByLabel("To", { exact: true }).fill("2020-01-03");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/from=2020-01-01&to=2020-01-03/);
  await expect(statusTable.getByRole("row")).toHaveCount(4);
  await page.goto("/projects/demo/quality?from=yesterday");
  await expect(page.getByText(/^Filters ignored/)).toContainText("from: a day as YYYY-MM-DD");

  const context = await browser.newContext();
  const annotator = await context.newPage();
  await signIn(annotator, "annotator");
  await annotator.goto("/projects/demo");
  await expect(annotator.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Quality" })).toHaveCount(0);
  await annotator.goto("/projects/demo/quality");
  await expect(annotator.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  expect((await annotator.request.get(href!)).status()).toBe(403);
  await context.close();
});

test("the audit log filters by action and pages by keyset", async ({ page }) => {
  await signIn(page, "researcher");
  await page.goto("/projects/demo/audit");
  const rows = page.getByRole("table", { name: "Audit events" }).locator("tbody tr");
  await expect(rows.first()).toBeVisible();
  await page.getByLabel("Action").selectOption("seed");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/action=seed/);
  await expect(rows).toHaveCount(12);
  for (const cell of await rows.locator("td:nth-child(4)").allTextContents()) expect(cell).toBe("seed");
  await page.getByLabel("From", { exact: true }).fill("2000-01-01");
  await page.getByLabel("To", { exact: true }).fill("2000-01-02");
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page.getByText("No events match these filters")).toBeVisible();
});

test("gold: an annotator is served a marked item blind, and its score shows up for the researcher", async ({ page, browser }) => {
  await signIn(page, "researcher");
  const approved = (await (await page.request.get("/api/v1/projects/demo/items?status=APPROVED&limit=50")).json()) as { items: { id: string; question: string; isGold: boolean }[] };
  // The demo has one gold item already; this one becomes the second.
  const gold = approved.items.find((i) => !i.isGold)!;
  const golds = [gold, ...approved.items.filter((i) => i.isGold)];
  await page.goto(`/projects/demo/items/${gold.id}`);
  await page.getByRole("button", { name: "Mark as gold" }).click();
  await expect(page.getByText("Marked as gold.")).toBeVisible();
  await page.goto("/projects/demo/settings");
  await page.getByLabel("Gold: 1 item in").fill("1");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();

  const context = await browser.newContext();
  const annotator = await context.newPage();
  try {
    await signIn(annotator, "annotator2");
    await annotator.goto("/projects/demo/annotate");
    await annotator.getByRole("button", { name: "Start annotating" }).click();
    await annotator.waitForURL(/\/projects\/demo\/items\/[^/?]+\?queue=1$/);
    const copyId = new URL(annotator.url()).pathname.split("/").pop()!;
    // A copy of one of the gold items (the oldest this annotator has not attempted), not the item itself.
    const question = await annotator.locator("#question").inputValue();
    const served = golds.find((g) => g.question === question)!;
    expect(served).toBeDefined();
    expect(golds.map((g) => g.id)).not.toContain(copyId);
    // Blind: nothing on the page says gold.
    expect(await annotator.locator("body").innerText()).not.toMatch(/gold/i);

    // The annotator writes the gold answers (as the editor's autosave would send them), then submits.
    const copy = (await (await annotator.request.get(`/api/items/${copyId}`)).json()) as { item: Record<string, unknown> & { version: number } };
    const goldItem = (await (await page.request.get(`/api/items/${served.id}`)).json()) as { item: { followUps: Record<string, unknown>[] } };
    const { answerType, options, groundTruth, caption, tags, isGold } = copy.item;
    const followUps = goldItem.item.followUps.map(({ id: _id, ...content }) => content);
    const saved = await annotator.request.put(`/api/items/${copyId}`, {
      headers: { origin: new URL(annotator.url()).origin },
      data: { question, answerType, options, groundTruth, caption, tags, isGold, expectedVersion: copy.item.version, followUps },
    });
    expect(saved.status()).toBe(200);
    await annotator.reload();
    await annotator.getByRole("button", { name: "Submit", exact: true }).click();
    await expect(annotator.getByText(/Submitted for review|Nothing left|queue/i).first()).toBeVisible();

    // The researcher sees the attempt's score on the copy and the annotator's accuracy on the dashboard.
    await page.goto(`/projects/demo/items/${copyId}`);
    await expect(page.getByRole("heading", { name: /Gold attempt — 6 of 6 match/ })).toBeVisible();
    await page.goto("/projects/demo/quality");
    const row = page.getByRole("table", { name: "Annotators" }).getByRole("row", { name: /Ann Second/ });
    await expect(row).toContainText("100.0 %");
  } finally {
    await context.close();
    await page.goto(`/projects/demo/items/${gold.id}`);
    await page.getByRole("button", { name: "Unmark gold" }).click();
    await expect(page.getByText("No longer gold.")).toBeVisible();
    await page.goto("/projects/demo/settings");
    await page.getByLabel("Gold: 1 item in").fill("0");
    await page.getByRole("button", { name: "Save settings" }).click();
    await expect(page.getByText("Saved.")).toBeVisible();
  }
});
