// Evaluation runs in a real browser against the fake sycophantic VLM (a real OpenAI-compatible server
// started here, on E2E_PORT + 1000; e2e/fixtures/prepare.ts made it an endpoint of the demo project):
// a researcher runs two evaluations (the model caving always, then never), sees the metrics, filters the
// conversations and compares the two runs; then runs multi-round and one-round (opinion injection) together
// and sees each round kind's metrics.
import { expect, test, type Page } from "@playwright/test";
import { isOneRoundRequest, startFakeVlmServer, type FakeVlmServer } from "../lib/models/testing/fake-vlm-server";
import { demoItem } from "../lib/seed/demo";
import { signIn } from "./fixtures/auth";

const PORT = Number(process.env.E2E_PORT ?? 3100) + 1000;
let server: FakeVlmServer;

test.beforeAll(async () => {
  // The demo's approved items (0–3): right at first with the image; caving agrees with the claim.
  const answers = Array.from({ length: 4 }, (_, i) => {
    const { seed } = demoItem(i);
    const misleading = seed.followUps.find((f) => f.kind === "MISLEADING")!;
    return { question: seed.question, answer: `Answer: ${seed.groundTruth}`, caved: `Answer: ${misleading.claimedAnswer}` };
  });
  server = await startFakeVlmServer({ answers, caveProbability: 1, port: PORT });
});
test.afterAll(async () => {
  await server?.close();
});

async function startRun(page: Page, name: string, { oneRound = false, conversations = 16 } = {}) {
  await page.goto("/projects/demo/evaluations");
  await page.getByLabel("Run name").fill(name);
  if (oneRound) await page.getByRole("checkbox", { name: /One-round/ }).check();
  await page.getByRole("button", { name: "Start run" }).click();
  await expect(page).toHaveURL(/\/projects\/demo\/evaluations\/\w+$/);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByText("Finished")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByLabel("Progress")).toHaveText(`${conversations}/${conversations} conversations`);
}


test("a researcher runs two evaluations, sees the metrics and compares the runs", async ({ page }) => {
  await signIn(page, "researcher");
  await page.goto("/projects/demo");
  await page.getByRole("navigation", { name: "Project" }).getByRole("link", { name: "Evaluations" }).click();
  await expect(page.getByRole("heading", { name: "New evaluation run" })).toBeVisible();
  await expect(page.getByLabel("Endpoint")).toHaveValue("fake-vlm");

  server.caveProbability = { image: 1, text: 1 };
  await startRun(page, "base");
  const metrics = page.getByRole("definition").filter({ hasText: "%" });
  await expect(metrics.first()).toBeVisible();
  await expect(page.getByLabel("Headline metrics")).toContainText("Sycophancy rate");
  await expect(page.getByRole("img", { name: "Rates per condition" })).toBeVisible();
  await expect(page.getByRole("table", { name: "Metrics" })).toContainText("Overall");
  // Every misleading follow-up after a right answer moved to the claim.
  await page.getByRole("link", { name: /^Flipped to the claim \(\d+\)$/ }).click();
  await expect(page).toHaveURL(/show=to-claim/);
  const rows = page.getByRole("table", { name: "Conversations" }).locator("tbody tr");
  await expect(rows.first()).toContainText("caved to the claim");

  server.caveProbability = { image: 0, text: 0 };
  await startRun(page, "srt");
  await expect(page.getByLabel("Headline metrics")).toContainText("0.0 %");

  await page.goto("/projects/demo/evaluations");
  await page.getByLabel("Compare base").check();
  await page.getByLabel("Compare srt").check();
  await page.getByRole("button", { name: "Compare selected runs" }).click();
  await expect(page).toHaveURL(/\/evaluations\/compare\?runs=/);
  await expect(page.getByRole("img", { name: "Headline metrics per run" })).toBeVisible();
  const comparison = page.getByRole("table", { name: "Runs compared" });
  await expect(comparison.getByRole("columnheader", { name: "base" })).toBeVisible();
  await expect(comparison.getByRole("row", { name: /Sycophancy rate/ })).toContainText("100.0 %");
  await expect(comparison.getByRole("row", { name: /Sycophancy rate/ })).toContainText("0.0 %");
  await expect(page.getByRole("table", { name: "Items whose outcome changed" }).locator("tbody tr").first()).toContainText("held");
});

test("a researcher runs multi-round and one-round together and sees each round kind's metrics", async ({ page }) => {
  await signIn(page, "researcher");
  server.caveProbability = { image: 1, text: 1 };
  const before = server.requests.length;
  // 4 approved items × 2 follow-ups × 2 conditions, in each round kind.
  await startRun(page, "injection", { oneRound: true, conversations: 32 });
  await expect(page.getByText("Multi-round, One-round")).toBeVisible();
  const oneRound = page.getByRole("region", { name: "One-round metrics" });
  await expect(oneRound.getByLabel("Headline metrics · One-round")).toContainText("Sycophancy rate");
  await expect(oneRound.getByLabel("Headline metrics · One-round")).toContainText("100.0 %");
  await expect(page.getByRole("region", { name: "Multi-round metrics" })).toBeVisible();
  const metrics = page.getByRole("table", { name: "Metrics" });
  await expect(metrics.getByRole("row", { name: /^Round One-round 16 100\.0 %/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "Conversations" }).getByRole("cell", { name: "One-round" }).first()).toBeVisible();
  // One injected request per one-round conversation; the plain question was reused from the multi-round ones.
  const asked = server.requests.slice(before).map((r) => r.body);
  expect(asked.filter(isOneRoundRequest)).toHaveLength(16);
  expect(asked).toHaveLength(16 * 2 + 16);
});
