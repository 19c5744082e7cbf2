// One-round injection in a real browser: an annotator marks a follow-up "in the first turn" (the user's
// opinion comes with the question); it autosaves, the preview and the reviewer's screen show the two-turn
// conversation, and the export writes that follow-up as two messages.
// Uses its own project (e2e/fixtures/prepare.ts: one-round-e2e), so the demo stays as it is.
import { expect, test } from "@playwright/test";
import { exportViaApi, splitRecords } from "./fixtures/export-via-api";
import { signIn } from "./fixtures/auth";
import { claimFromQueue } from "./fixtures/queue";

const QUESTION = "How many cats are on the sofa?";
const OPINION = "I think there are 4 cats on the sofa.";

test("an annotator puts the opinion in the first turn; preview, review and export show two turns", async ({ page, browser }) => {
  await signIn(page, "annotator");
  await claimFromQueue(page, "one-round-e2e", "Start annotating", /\/projects\/one-round-e2e\/items\/[^/?]+\?queue=1$/);
  const itemId = new URL(page.url()).pathname.split("/").pop()!;
  await expect(page.getByTestId("hold-info")).toContainText(/You hold this item|Assigned to you/);

  // The ordinary follow-up first: four turns in the preview.
  const card = page.getByTestId("follow-up-0");
  await card.getByLabel("User's follow-up message").click();
  await expect(page.getByTestId("preview").locator("li")).toHaveCount(4);

  // In the first turn: the initial answer goes away, the message is the opinion sent with the question.
  const inFirstTurn = card.getByLabel("In the first turn (opinion comes with the question)");
  await inFirstTurn.check();
  await expect(card.getByLabel("Model's initial answer")).toHaveCount(0);
  const opinion = card.getByLabel("User's opinion (sent with the question)");
  await opinion.fill(OPINION);
  await expect(page.getByTestId("preview").locator("li")).toHaveCount(2);
  await expect(page.getByTestId("preview-turn-0")).toHaveText(`${QUESTION}\n\n${OPINION}`);
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });

  // Autosaved: a reload shows it from the server.
  await page.reload();
  await expect(page.getByTestId("follow-up-0").getByLabel("In the first turn (opinion comes with the question)")).toBeChecked();
  await expect(page.getByTestId("follow-up-0").getByLabel("User's opinion (sent with the question)")).toHaveValue(OPINION);

  // Submit for review (the lints pass without an initial answer).
  await page.getByTestId("hold-info").waitFor();
  await page.keyboard.press("Control+Enter");
  await expect(page.getByText("Submitted for review.").first()).toBeVisible();

  // The reviewer sees the export-exact two-turn conversation and the mark.
  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  await signIn(reviewer, "reviewer");
  await claimFromQueue(reviewer, "one-round-e2e", "Start reviewing", new RegExp(`/projects/one-round-e2e/review/${itemId}$`));
  await expect(reviewer.getByTestId("review-in-first-turn-0")).toBeVisible();
  const conversation = reviewer.getByTestId("review-conversation-0").locator("li");
  await expect(conversation).toHaveCount(2);
  await expect(conversation.first()).toContainText(OPINION);
  await expect(reviewer.getByTestId("review-conversation-1").locator("li")).toHaveCount(4);
  await reviewerContext.close();

  // The export (the item is in review now): that follow-up is two messages, the other four.
  const researcherContext = await browser.newContext();
  const researcher = await researcherContext.newPage();
  await signIn(researcher, "researcher");
  const files = await exportViaApi(researcher, "one-round-e2e", { format: "srt", seed: 1, splits: "train=1", filters: { statuses: ["SUBMITTED", "IN_REVIEW"] } });
  type SrtLine = { kind: string; in_first_turn: boolean; initial_answer: string; messages: { role: string; content: { type: string; text?: string }[] }[] };
  const records = splitRecords<SrtLine>(files);
  expect(records.map((r) => [r.kind, r.in_first_turn, r.messages.length])).toEqual([
    ["MISLEADING", true, 2],
    ["CORRECTIVE", false, 4],
  ]);
  expect(records[0].initial_answer).toBe("");
  expect(records[0].messages.map((m) => m.role)).toEqual(["user", "assistant"]);
  expect(records[0].messages[0].content.map((p) => p.type)).toEqual(["image", "text"]);
  expect(records[0].messages[0].content[1].text).toBe(`${QUESTION}\n\n${OPINION}`);
  await researcherContext.close();
});
