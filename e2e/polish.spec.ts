// The first hour of a new user: icons, page titles, a usable narrow window, accessible pages (axe),
// clear empty states and errors, forms that behave. Real Chromium against the production build.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { patternImage } from "../lib/images/test-images";
import { signIn } from "./fixtures/auth";

const DEMO = "Demo: coloured shapes";

/** The demo's first item, from the items table (ids are generated). */
async function firstItemPath(page: Page): Promise<string> {
  await page.goto("/projects/demo/items");
  const href = await page.getByTestId("items-table").getByRole("link").first().getAttribute("href");
  expect(href).toMatch(/^\/projects\/demo\/items\/\w+/);
  return href!;
}

/** The main pages of the journeys, as the admin sees them, with their expected titles. */
async function mainPages(page: Page): Promise<{ path: string; title: string }[]> {
  const item = await firstItemPath(page);
  return [
    { path: "/projects", title: "Projects · SRT Studio" },
    { path: "/projects/demo", title: `Overview · ${DEMO} · SRT Studio` },
    { path: "/projects/demo/annotate", title: `Annotate · ${DEMO} · SRT Studio` },
    { path: "/projects/demo/items", title: `Items · ${DEMO} · SRT Studio` },
    { path: item, title: `Item · ${DEMO} · SRT Studio` },
    { path: "/projects/demo/items/new", title: `New item · ${DEMO} · SRT Studio` },
    { path: "/projects/demo/assets", title: `Images · ${DEMO} · SRT Studio` },
    { path: "/projects/demo/export", title: `Export · ${DEMO} · SRT Studio` },
    { path: "/projects/demo/settings", title: `Settings · ${DEMO} · SRT Studio` },
    { path: "/admin/users", title: "Users · SRT Studio" },
    { path: "/account/tokens", title: "API tokens · SRT Studio" },
    { path: "/projects/no-such-project", title: "Not found · SRT Studio" },
  ];
}

async function expectNoHorizontalScroll(page: Page, path: string) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }));
  expect(scrollWidth, `${path} scrolls sideways at ${innerWidth} px`).toBeLessThanOrEqual(innerWidth);
}

/** axe-core over the page: its serious or critical WCAG 2.1 A/AA (and best-practice) violations, described. */
async function seriousViolations(page: Page, path: string): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return results.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${path}: ${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 5).join(", ")}`);
}

test("icons and the web manifest are served without a session, and pages link them", async ({ page, request }) => {
  for (const [path, type] of [
    ["/favicon.ico", /icon/],
    ["/icon.svg", /svg/],
    ["/icon-192.png", /png/],
    ["/apple-touch-icon.png", /png/],
    ["/manifest.webmanifest", /manifest\+json|json/],
  ] as const) {
    const response = await request.get(path, { maxRedirects: 0 });
    expect(response.status(), path).toBe(200);
    expect(response.headers()["content-type"], path).toMatch(type);
  }
  const manifest = await (await request.get("/manifest.webmanifest")).json();
  expect(manifest).toMatchObject({ name: "SRT Studio", start_url: "/projects" });
  await page.goto("/signin");
  await expect(page).toHaveTitle("Sign in · SRT Studio");
  await expect(page.locator('head link[rel="icon"][href^="/favicon.ico"]')).toHaveCount(1);
  await expect(page.locator('head link[rel="manifest"]')).toHaveAttribute("href", "/manifest.webmanifest");
});

/** The 403 page, as an annotator opening the users page (in a context of its own). */
async function forbiddenPage(browser: Browser): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, "annotator");
  await page.goto("/admin/users");
  await expect(page.getByRole("heading", { name: "You don't have access to this page" })).toBeVisible();
  return { page, context };
}

test("every main page has its own title, without the app's name twice", async ({ page, browser }) => {
  test.slow(); // a dozen pages
  await signIn(page, "admin");
  for (const { path, title } of await mainPages(page)) {
    await page.goto(path);
    await expect(page, path).toHaveTitle(title);
  }
  const forbidden = await forbiddenPage(browser);
  await expect(forbidden.page).toHaveTitle("No access · SRT Studio");
  await forbidden.context.close();
});

test("axe finds no serious or critical problem on the main pages, 403 and 404 included", async ({ page, browser }) => {
  test.slow(); // a dozen pages
  const found: string[] = [];
  const context = await browser.newContext();
  const visitor = await context.newPage();
  await visitor.goto("/signin");
  found.push(...(await seriousViolations(visitor, "/signin")));
  await context.close();

  await signIn(page, "admin");
  for (const { path } of await mainPages(page)) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    found.push(...(await seriousViolations(page, path)));
  }
  const forbidden = await forbiddenPage(browser);
  await expect(forbidden.page.locator("main")).toHaveCount(1);
  found.push(...(await seriousViolations(forbidden.page, "403")));
  await forbidden.context.close();
  expect(found).toEqual([]);
});

test.describe("at 390 px wide", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("no main page scrolls sideways; the menu opens from the keyboard and reaches Sign out", async ({ page }) => {
    test.slow(); // a dozen pages
    await signIn(page, "admin");
    for (const { path } of await mainPages(page)) {
      await page.goto(path);
      await page.waitForLoadState("networkidle");
      await expectNoHorizontalScroll(page, path);
    }

    await page.goto("/projects/demo/items");
    const menu = page.getByRole("button", { name: "Menu" });
    const signOut = page.getByRole("button", { name: "Sign out", exact: true });
    await expect(signOut).toBeHidden();
    await expect(menu).toHaveAttribute("aria-expanded", "false");
    await menu.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("button", { name: "Close menu" })).toHaveAttribute("aria-expanded", "true");
    await expect(signOut).toBeVisible();
    await expect(page.getByRole("link", { name: "Users" })).toBeVisible();
    await expectNoHorizontalScroll(page, "open menu");
    // Escape closes it and gives the focus back to its button.
    await page.keyboard.press("Escape");
    await expect(signOut).toBeHidden();
    await expect(menu).toBeFocused();
    // Following a link closes it.
    await menu.click();
    await page.getByRole("link", { name: "API tokens" }).click();
    await expect(page).toHaveURL(/\/account\/tokens$/);
    await expect(signOut).toBeHidden();

    // The project tabs scroll within their own row.
    await page.goto("/projects/demo");
    const tabs = page.getByRole("navigation", { name: "Project" });
    await expect(tabs.getByRole("link", { name: "Settings" })).toBeAttached();
    await expect.poll(() => tabs.evaluate((nav) => nav.scrollWidth > nav.clientWidth)).toBe(true);

    await menu.click();
    await signOut.click();
    await expect(page).toHaveURL(/\/signin/);
  });

  test("the sign-in page fits too", async ({ page }) => {
    await page.goto("/signin");
    await expectNoHorizontalScroll(page, "/signin");
  });
});

test("an empty work queue says how items are made, with links", async ({ page }) => {
  // The outsider annotates "Other lab", which has no items at all.
  await signIn(page, "outsider");
  await page.goto("/projects/other/annotate");
  const help = page.getByTestId("empty-queue-help");
  await expect(help).toContainText("Uploading images does not create items by itself");
  await expect(help.getByRole("link", { name: "New item from an image" })).toHaveAttribute("href", "/projects/other/items/new");
  await expect(help.getByRole("link", { name: "Images" })).toHaveAttribute("href", "/projects/other/assets");
  await expect(help).toContainText("npx srt import --project other manifest.jsonl");
  await expect(help.getByRole("link", { name: "manifest API" })).toHaveAttribute("href", "/api/v1/openapi.json");
  // Counts are worded for their number.
  await page.goto("/projects");
  await expect(page.getByRole("link", { name: /Other lab/ })).toContainText("0 items · 0 images · 2 members");
});

test("a corrupt image is rejected in words, with the decoder's message kept for the tooltip", async ({ page }) => {
  await signIn(page, "annotator");
  await page.goto("/projects/annotate-e2e/assets");
  const jpeg = await patternImage(400, 300, 77).jpeg().toBuffer();
  await page.getByTestId("pick-files").setInputFiles({ name: "cut.jpg", mimeType: "image/jpeg", buffer: jpeg.subarray(0, jpeg.length >> 1) });
  const result = page.getByTestId("upload-row").filter({ hasText: "cut.jpg" }).getByText("rejected: the file is truncated or corrupt");
  await expect(result).toBeVisible();
  await expect(result).toHaveAttribute("title", /jpeg/i);
});

test("the project slug follows the name until edited by hand", async ({ page }) => {
  await signIn(page, "researcher");
  const name = page.getByLabel("Name");
  const slug = page.getByLabel("Slug");
  await name.fill("Polish Pilot (v2)");
  await expect(slug).toHaveValue("polish-pilot-v2");
  await slug.fill("my-pilot");
  await name.fill("Polish Pilot (v3)");
  await expect(slug).toHaveValue("my-pilot");
});

test("create forms empty after a success, so a second click does not send the same values again", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/admin/users");
  await page.getByLabel("Email").fill("polish-user@e2e.test");
  await page.getByLabel("Name").fill("Polly Polish");
  await page.getByLabel("Initial password").fill("polish-pass-1");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByText("Created polish-user@e2e.test (annotator)")).toBeVisible();
  await expect(page.getByLabel("Email")).toHaveValue("");
  await expect(page.getByLabel("Name")).toHaveValue("");
  await expect(page.getByLabel("Initial password")).toHaveValue("");

  await page.goto("/account/tokens");
  await page.getByLabel("Token name").fill("polish token");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByTestId("new-token")).toBeVisible();
  await expect(page.getByLabel("Token name")).toHaveValue("");
});

test("the status filter follows the status chips", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/projects/demo/items");
  await page.getByTestId("status-APPROVED").click();
  await expect(page).toHaveURL(/status=APPROVED/);
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("APPROVED");
  await page.getByTestId("status-all").click();
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("");
  await page.getByTestId("status-DRAFT").click();
  await expect(page.getByLabel("Status", { exact: true })).toHaveValue("DRAFT");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/status=DRAFT/);
  await expect(page.getByTestId("status-DRAFT")).toHaveAttribute("aria-current", "page");
});

test("an export that matches nothing is refused until confirmed", async ({ page }) => {
  await signIn(page, "researcher");
  await page.goto("/projects/demo/export");
  await page.getByLabel("Tags").fill("no-such-tag");
  const warning = page.getByTestId("empty-export-warning");
  await expect(warning).toContainText("No follow-up matches these filters");
  const start = page.getByRole("button", { name: "Start an empty export" });
  await expect(start).toBeDisabled();
  await warning.getByLabel("Export anyway, with no records").check();
  await expect(start).toBeEnabled();
  await page.getByLabel("Tags").fill("");
  await expect(warning).toBeHidden();
  await expect(page.getByRole("button", { name: "Start export" })).toBeEnabled();
});
