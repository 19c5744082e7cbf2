// Models in the loop, in a real browser against the production server and a real HTTP server speaking the
// OpenAI chat-completions protocol (the fake sycophantic VLM, started here on a free port): a researcher
// adds an endpoint, tests the connection and enables it for the demo project; an annotator asks the model
// in the editor and turns its wrong answer into a corrective follow-up.
import { expect, test } from "@playwright/test";
import { signIn } from "./fixtures/auth";
import { startFakeVlmServer, type FakeVlmServer } from "../lib/models/testing/fake-vlm-server";

const ENDPOINT = "Fake VLM (e2e)";
let server: FakeVlmServer;

test.beforeAll(async () => {
  server = await startFakeVlmServer({ caveProbability: 1 });
});
test.afterAll(async () => {
  await server?.close();
});

test.describe.configure({ mode: "serial" });

test("a researcher adds a model endpoint, tests the connection and enables it for the project", async ({ page }) => {
  await signIn(page, "researcher");
  await page.getByRole("link", { name: "Models" }).first().click();
  await expect(page.getByRole("heading", { name: "Models" })).toBeVisible();

  const form = page.getByRole("form", { name: "Add an endpoint" });
  await form.getByLabel("Name").fill(ENDPOINT);
  await form.getByLabel("Base URL").fill(server.baseUrl);
  await form.getByLabel("Model", { exact: true }).fill("fake-vlm");
  await form.getByLabel("API key").fill("sk-e2e-secret");
  await form.getByLabel("Max concurrent requests").fill("2");
  await form.getByRole("button", { name: "Add endpoint" }).click();

  const row = page.getByTestId(`endpoint-${ENDPOINT}`);
  await expect(row).toContainText("key set");
  await expect(row).toContainText("2 at once");
  // The key is never sent back to the browser.
  expect(await page.content()).not.toContain("sk-e2e-secret");

  await row.getByRole("button", { name: "Test connection" }).click();
  await expect(row.getByTestId("connection-result")).toContainText(/Connected in \d+ ms \(fake-vlm\)\. The model replied: “I am not sure\.”/);
  const sent = server.requests.at(-1)!;
  expect(sent.headers.authorization).toBe("Bearer sk-e2e-secret");
  expect(JSON.stringify(sent.body)).toMatch(/"type":"image_url","image_url":\{"url":"data:image\/png;base64,/);

  // A failing server: the exact error, with its status.
  server.failNext(1, "500");
  await row.getByRole("button", { name: "Test connection" }).click();
  await expect(row.getByTestId("connection-result")).toContainText("(HTTP 500): The model server at");
  await expect(row.getByTestId("connection-result")).toContainText("answered HTTP 500: The fake model crashed.");

  await page.goto("/projects/demo/settings");
  const models = page.getByRole("form", { name: "Models enabled for this project" });
  await models.getByLabel(ENDPOINT).check();
  await models.getByRole("button", { name: "Save models" }).click();
  // The seed already enables the evaluation spec's endpoint: this one comes on top of it.
  await expect(models.getByRole("status")).toHaveText("2 enabled.");
  await page.reload();
  await expect(page.getByRole("form", { name: "Models enabled for this project" }).getByLabel(ENDPOINT)).toBeChecked();
});

test("an annotator asks the model in the editor and turns its wrong answer into a corrective follow-up", async ({ page }) => {
  await signIn(page, "annotator");
  await page.goto("/projects/demo/items?status=DRAFT");
  await page.getByTestId("items-table").getByRole("link").first().click();
  await expect(page.getByTestId("hold-info")).toContainText(/You hold this item|Assigned to you/);

  // The fake answers this question wrongly.
  const question = (await page.locator("#question").inputValue()).trim();
  const type = await page.locator("#answerType").inputValue();
  const truth = (await page.locator("#groundTruth").inputValue()).trim();
  const wrong = type === "MULTIPLE_CHOICE" ? (truth === "A" ? "B" : "A") : type === "YES_NO" ? (truth === "yes" ? "no" : "yes") : type === "NUMBER" ? String(Number(truth) + 1) : "octagon";
  server.answers.push({ question, answer: wrong, caved: truth });

  const panel = page.getByTestId("ask-model");
  await expect(panel.getByLabel("Model endpoint")).toHaveValue(/.+/);
  await panel.getByRole("button", { name: "Ask model" }).click();
  await expect(panel.getByTestId("model-answer")).toContainText("wrong");
  const body = JSON.stringify(server.requests.at(-1)!.body);
  expect(body).toContain(question.replace(/"/g, '\\"'));
  expect(body).toMatch(/"image_url":\{"url":"data:image\/webp;base64,/);

  await panel.getByRole("button", { name: "Use as the initial answer of a corrective follow-up" }).click();
  await expect(page.getByTestId("editor-message")).toContainText("is now the initial answer of the corrective");
  const filled = await page.locator('[id$="-initialAnswer"]').evaluateAll((inputs) => inputs.map((i) => ({ id: i.id, value: (i as HTMLInputElement).value })));
  const slot = filled.find((f) => f.value === wrong);
  expect(slot).toBeTruthy();
  const card = page.getByTestId(`follow-up-${slot!.id.split("-")[1]}`);
  await expect(card.getByRole("heading")).toContainText("Corrective");

  // Stored by the autosave like any edit, and there after a reload.
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
  await page.reload();
  await expect(page.locator(`#${slot!.id}`)).toHaveValue(wrong);
  await expect(page.getByTestId("model-answer")).toContainText("wrong");
});

test("a researcher filters the items the model got wrong and asks the model for a whole status in the background", async ({ page }) => {
  await signIn(page, "researcher");
  await page.goto("/projects/demo/items");
  await page.getByLabel("Model", { exact: true }).selectOption("wrong");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/model=wrong/);
  await expect(page.getByTestId("items-table").locator("tbody tr")).toHaveCount(1);

  await page.goto("/projects/demo/items?status=APPROVED");
  const bulk = page.getByTestId("model-answers");
  await bulk.getByRole("button", { name: "Ask the model for the filtered items" }).click();
  await expect(bulk.getByTestId("model-answers-job").first()).toContainText(/succeeded · \d+ items? answered .*; \d+ requests?, \d+ tokens/, { timeout: 30_000 });
});
