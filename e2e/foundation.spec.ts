import { expect, test } from "@playwright/test";
import { ACCOUNTS, PASSWORD } from "./fixtures/accounts";
import { signIn } from "./fixtures/auth";

test("signed-out visitors are sent to the sign-in page", async ({ page }) => {
  await page.goto("/projects/demo");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=%2Fprojects%2Fdemo/);
  await expect(page.getByRole("button", { name: "Sign in" })).toBeVisible();
});

test("a wrong password shows a clear error", async ({ page }) => {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(ACCOUNTS.annotator.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signin-error")).toHaveText("Wrong email or password.");
});

test("the admin sees the demo project with its status chart and guidelines", async ({ page }) => {
  await signIn(page, "admin");
  await expect(page).toHaveURL(/\/projects$/);
  await page.getByRole("link", { name: /Demo: coloured shapes/ }).click();
  await expect(page.getByRole("heading", { name: "Demo: coloured shapes" })).toBeVisible();
  await expect(page.getByTestId("count-APPROVED")).toHaveText("4");
  await expect(page.getByTestId("count-DRAFT")).toHaveText("4");
  await expect(page.getByRole("heading", { name: "How to write SRT follow-ups" })).toBeVisible();
});

test("each role reaches what it may and is refused the rest", async ({ browser }) => {
  const expectations = {
    admin: { users: true, settings: true, createProject: true },
    researcher: { users: false, settings: true, createProject: true },
    reviewer: { users: false, settings: false, createProject: false },
    annotator: { users: false, settings: false, createProject: false },
  } as const;
  for (const [who, may] of Object.entries(expectations) as [keyof typeof expectations, (typeof expectations)["admin"]][]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, who);
    await expect(page.getByRole("heading", { name: "New project" })).toHaveCount(may.createProject ? 1 : 0);
    await expect(page.getByRole("link", { name: "Users" })).toHaveCount(may.users ? 1 : 0);
    await page.goto("/admin/users");
    await expect(page.getByRole("heading", { name: may.users ? "Users" : "You don't have access to this page" })).toBeVisible();
    await page.goto("/projects/demo/settings");
    await expect(page.getByRole("heading", { name: may.settings ? "Project settings" : "You don't have access to this page" })).toBeVisible();
    await context.close();
  }
});

test("an outsider cannot see a project they are not a member of", async ({ page }) => {
  await signIn(page, "outsider");
  await expect(page.getByRole("link", { name: /Other lab/ })).toBeVisible();
  await expect(page.getByRole("link", { name: /Demo: coloured shapes/ })).toHaveCount(0);
  await page.goto("/projects/demo");
  await expect(page.getByRole("heading", { name: "Not found" })).toBeVisible();
});

test("an admin creates a user, who can then sign in; disabling them locks them out", async ({ page, browser }) => {
  await signIn(page, "admin");
  await page.goto("/admin/users");
  await page.getByLabel("Email").fill("newcomer@e2e.test");
  await page.getByLabel("Name").fill("New Comer");
  await page.getByLabel("Role", { exact: true }).selectOption("REVIEWER");
  await page.getByLabel("Initial password").fill("newcomer-pass-1");
  await page.getByRole("button", { name: "Create user" }).click();
  await expect(page.getByText("Created newcomer@e2e.test (reviewer)")).toBeVisible();

  const other = await browser.newContext();
  const newcomer = await other.newPage();
  await newcomer.goto("/signin");
  await newcomer.getByLabel("Email").fill("newcomer@e2e.test");
  await newcomer.getByLabel("Password").fill("newcomer-pass-1");
  await newcomer.getByRole("button", { name: "Sign in" }).click();
  await expect(newcomer.getByTestId("whoami")).toContainText("New Comer · reviewer");

  await page.getByTestId("user-newcomer@e2e.test").getByRole("button", { name: "Disable" }).click();
  await expect(page.getByTestId("user-newcomer@e2e.test").getByText("disabled")).toBeVisible();
  await newcomer.reload();
  await expect(newcomer).toHaveURL(/\/signin/);
  await other.close();
});

test("a researcher creates a project and edits its settings", async ({ page }) => {
  await signIn(page, "researcher");
  await page.getByLabel("Name").fill("Pilot study");
  await page.getByLabel("Slug").fill("pilot-study");
  await page.getByRole("button", { name: "Create project" }).click();
  await expect(page).toHaveURL(/\/projects\/pilot-study$/);
  await expect(page.getByText("No items yet")).toBeVisible();
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByLabel("Misleading / item").fill("2");
  await page.getByLabel("Response template (exports and preview)").fill("no placeholders at all");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("the template must use {response} or {finalAnswer}", { exact: true })).toBeVisible();
  await page.getByLabel("Response template (exports and preview)").fill("{evidence} {response}");
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Misleading / item")).toHaveValue("2");
});

test("eleven wrong passwords in a minute get 429 with a clear message", async ({ page, request, baseURL }) => {
  const csrf = async () => ((await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
  const statuses: number[] = [];
  for (let i = 0; i < 11; i++) {
    const response = await request.post("/api/auth/callback/credentials", {
      form: { email: ACCOUNTS.lockout.email, password: `wrong-${i}`, csrfToken: await csrf(), json: "true" },
      // Playwright's request context is not a browser: it says where it comes from, as a browser would.
      headers: { origin: baseURL!, "x-forwarded-for": "203.0.113.7" },
      maxRedirects: 0,
    });
    statuses.push(response.status());
  }
  expect(statuses.slice(0, 10).every((s) => s !== 429)).toBe(true);
  expect(statuses[10]).toBe(429);
  // The right password is refused too while the limit lasts, and the page says why.
  await page.goto("/signin");
  await page.getByLabel("Email").fill(ACCOUNTS.lockout.email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("signin-error")).toContainText("Too many failed sign-in attempts");
});
