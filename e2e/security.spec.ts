// Hardening (issue 9) in a real browser against the production build, run without NEXTAUTH_URL:
// cross-origin writes, body limits, sign-in redirects, sign-out URLs, security headers and the CSP.
import { expect, test, type Page } from "@playwright/test";
import { ACCOUNTS, PASSWORD } from "./fixtures/accounts";
import { signIn } from "./fixtures/auth";

/** Another origin of the same site (another port of 127.0.0.1), served by Playwright itself. */
const EVIL = "http://127.0.0.1:9";

async function evilPage(page: Page, html: string) {
  await page.route(`${EVIL}/**`, (route) => route.fulfill({ contentType: "text/html", body: `<!doctype html><html><body>${html}</body></html>` }));
  await page.goto(`${EVIL}/attack`);
}

test("a page on another origin of the site cannot make a signed-in browser write", async ({ page, baseURL }) => {
  await signIn(page, "annotator");
  const projectId = await page.request.get("/api/v1/projects").then(async (r) => ((await r.json()) as { projects: { id: string; slug: string }[] }).projects.find((p) => p.slug === "demo")!.id);

  // A text/plain form post of a manifest (no preflight, cookies sent: SameSite=Lax is same-site here).
  await evilPage(page, `<form id="f" method="post" enctype="text/plain" action="${baseURL}/api/v1/projects/demo/manifest"><input name='{"image":"sha256:x","question":"pwned?","answer_type":"YES_NO","ground_truth":"yes","x":"' value='"}'></form><script>document.getElementById("f").submit()</script>`);
  await expect(page.locator("body")).toContainText("cross-origin write");

  // A no-cors claim, then the same writes replayed with the browser's cookies and a foreign Origin.
  await evilPage(page, "<p>claims</p>");
  await page.evaluate(
    ([url, id]) => fetch(url, { method: "POST", mode: "no-cors", credentials: "include", body: JSON.stringify({ projectId: id }) }).then(() => true, () => false),
    [`${baseURL}/api/items/claim`, projectId] as const,
  );
  for (const [method, url, data] of [
    ["POST", "/api/items/claim", { projectId }],
    ["POST", "/api/v1/projects/demo/exports", { format: "srt" }],
    ["POST", "/api/v1/exports/x/cancel", undefined],
    ["DELETE", "/api/items/x/lease?mode=leave", undefined],
  ] as const) {
    const response = await page.request.fetch(url, { method, data, headers: { origin: EVIL, "sec-fetch-site": "same-site" } });
    expect(response.status(), `${method} ${url}`).toBe(403);
  }
  // Nothing was claimed for the annotator: their queue still offers "Start annotating" with nothing held.
  const claims = await page.request.fetch("/api/items/claim", { method: "POST", data: { projectId }, headers: { origin: baseURL! } });
  expect(claims.status()).toBe(200);
  expect(((await claims.json()) as { reason?: string }).reason).not.toBe("held");
});

test("bodies over a route's limit are refused before they are read (413), next-auth's included", async ({ request, baseURL }) => {
  const big = Buffer.alloc(2 * 1024 * 1024, 0x61);
  const signInPost = await request.post("/api/auth/callback/credentials", { data: big, headers: { "content-type": "application/x-www-form-urlencoded" } });
  expect(signInPost.status()).toBe(413);
  const claim = await request.post("/api/items/claim", { data: big, headers: { "content-type": "application/json", origin: baseURL! } });
  expect(claim.status()).toBe(413);
});

test("after sign-in only paths of this site are followed (no open redirect)", async ({ page, baseURL }) => {
  for (const callback of ["/%5C127.0.0.1:9/phish", "/%09/127.0.0.1:9/phish", "%0A//127.0.0.1:9/phish", "https://127.0.0.1:9/phish"]) {
    await page.context().clearCookies();
    await page.goto(`/signin?callbackUrl=${callback}`);
    await page.getByLabel("Email").fill(ACCOUNTS.researcher.email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("whoami")).toContainText(ACCOUNTS.researcher.name);
    expect(new URL(page.url()).origin, callback).toBe(baseURL);
    expect(new URL(page.url()).pathname).toBe("/projects");
  }
});

test("sign-out and next-auth's pages follow the request's host and port (no NEXTAUTH_URL)", async ({ page, request, baseURL }) => {
  const signInPage = await request.get("/api/auth/signin", { maxRedirects: 0 });
  expect(signInPage.headers().location).toMatch(new RegExp(`^(${baseURL})?/signin`));
  await signIn(page, "reviewer");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(`${baseURL}/signin`);
  await page.goto("/projects");
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
});

test("every page carries the security headers; the CSP blocks nothing the app needs", async ({ page }) => {
  const signInResponse = await page.goto("/signin");
  const csp = signInResponse!.headers()["content-security-policy"];
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).not.toContain("unsafe-eval");
  expect(signInResponse!.headers()).toMatchObject({ "x-frame-options": "DENY", "x-content-type-options": "nosniff", "referrer-policy": "same-origin" });

  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
  });
  await signIn(page, "admin");
  for (const path of ["/projects", "/projects/demo", "/projects/demo/items", "/projects/demo/assets", "/projects/demo/annotate", "/projects/demo/export", "/projects/demo/settings", "/admin/users", "/account/tokens"]) {
    const response = await page.goto(path);
    expect(response!.status(), path).toBe(200);
    const headers = response!.headers();
    expect(headers["content-security-policy"], path).toContain("'nonce-");
    expect(headers["x-frame-options"], path).toBe("DENY");
    await page.waitForLoadState("networkidle");
  }
  // Client-side navigation works (scripts ran), and the nonce differs per response.
  await page.goto("/projects/demo");
  await page.getByRole("link", { name: "Items" }).first().click();
  await expect(page).toHaveURL(/\/projects\/demo\/items/);
  const again = await page.request.get("/signin");
  expect(again.headers()["content-security-policy"]).not.toBe(csp);
  expect(violations).toEqual([]);

  const json = await page.request.get("/api/v1/projects");
  expect(json.headers()["cache-control"]).toContain("no-store");
  expect(json.headers()["x-content-type-options"]).toBe("nosniff");
});

test("Sign out everywhere ends a copied session cookie; it does not come back", async ({ page, browser }) => {
  await signIn(page, "annotator2");
  const copied = await browser.newContext();
  await copied.addCookies(await page.context().cookies());
  expect((await copied.request.get("/api/v1/projects")).status()).toBe(200);

  await page.goto("/account/tokens");
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/signin/);
  expect((await copied.request.get("/api/v1/projects")).status()).toBe(401);
  const copiedPage = await copied.newPage();
  await copiedPage.goto("/projects");
  await expect(copiedPage).toHaveURL(/\/signin/);
  await copied.close();
  // Signing in again works.
  await signIn(page, "annotator2");
});
