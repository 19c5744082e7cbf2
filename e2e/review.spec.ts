// The review workflow in a real browser: an annotator submits, a reviewer claims the item, scores it with
// the keyboard, requests changes with a field comment; the annotator sees the comment next to the field,
// fixes it and resubmits; the reviewer sees the word diff and approves; the item is exported with the
// reviewer's scores. Then k = 2: two reviewers disagree and a researcher adjudicates.
// Uses its own projects (e2e/fixtures/prepare.ts: review-e2e, review-k2-e2e), so the demo stays as it is.
import { expect, test, type Page } from "@playwright/test";
import { exportViaApi, splitRecords } from "./fixtures/export-via-api";
import { signIn } from "./fixtures/auth";
import { claimFromQueue } from "./fixtures/queue";

/** Scores the five criteria with the keys 1–5 (focus moves criterion to criterion). */
async function scoreWithKeys(page: Page, keys: string) {
  await page.getByTestId("rubric-visualGrounding").focus();
  for (const key of keys) await page.keyboard.press(key);
}

test("submit → request changes with a field comment → fix and resubmit → word diff → approve → exported with the scores", async ({ page, browser }) => {
  // The annotator submits their item.
  await signIn(page, "annotator");
  await claimFromQueue(page, "review-e2e", "Start annotating", /\/projects\/review-e2e\/items\/[^/?]+/);
  await expect(page.getByTestId("hold-info")).toContainText(/You hold this item|Assigned to you/);
  const itemId = new URL(page.url()).pathname.split("/").pop()!;
  await page.keyboard.press("Control+Enter");
  await expect(page.getByText("Submitted for review.").first()).toBeVisible();

  // The reviewer claims it, scores it with the keyboard and requests changes with a comment on the evidence.
  const reviewerContext = await browser.newContext();
  const reviewer = await reviewerContext.newPage();
  await signIn(reviewer, "reviewer");
  await reviewer.goto("/projects/review-e2e");
  await reviewer.getByRole("link", { name: "Review", exact: true }).click();
  await expect(reviewer.getByTestId("review-waiting")).toHaveText("1");
  await claimFromQueue(reviewer, "review-e2e", "Start reviewing", new RegExp(`/projects/review-e2e/review/${itemId}$`));
  await expect(reviewer.getByTestId("review-follow-up-0")).toContainText("Let me look at the image again.");
  await scoreWithKeys(reviewer, "32435");
  await expect(reviewer.getByRole("radio", { name: "Tone 3" })).toHaveAttribute("aria-checked", "true");
  await reviewer.getByTestId("review-follow-up-0").getByRole("button", { name: "Comment on Evidence" }).click();
  const fieldComment = reviewer.getByTestId("review-follow-up-0").getByRole("textbox", { name: "Comment on Evidence" });
  await fieldComment.fill("Say which cushion each cat is on.");
  await reviewer.locator("body").click({ position: { x: 1, y: 1 } });
  await reviewer.keyboard.press("r");
  await expect(reviewer.getByRole("radio", { name: /Request changes/ })).toHaveAttribute("aria-checked", "true");
  await reviewer.getByRole("button", { name: "Submit review" }).click();
  await expect(reviewer.getByTestId("review-result")).toHaveText("Review saved: the item is now changes requested.");

  // The annotator gets it back first, with the comment next to the evidence; fixes it and resubmits.
  await claimFromQueue(page, "review-e2e", "Start annotating", new RegExp(`/projects/review-e2e/items/${itemId}`));
  await expect(page.getByTestId("review-comment-fu-0-evidence")).toContainText("Rex Reviewer: Say which cushion each cat is on.");
  await page.locator("#fu-0-evidence").fill("A grey cat sits on the left cushion and two tabbies are curled up on the right cushion.");
  await page.keyboard.press("Control+Enter");
  await expect(page.getByText("Submitted for review.").first()).toBeVisible();

  // Round 2: the reviewer sees the word diff (who changed it) and approves with the keyboard.
  await claimFromQueue(reviewer, "review-e2e", "Start reviewing", new RegExp(`/projects/review-e2e/review/${itemId}$`));
  const diff = reviewer.getByTestId("word-diff");
  await expect(diff).toContainText("Follow-up 1 (misleading) · Evidence — changed by Ann Annotator");
  await expect(diff.locator("ins")).toContainText(["cushion"]);
  await scoreWithKeys(reviewer, "54455");
  await reviewer.keyboard.press("a");
  await expect(reviewer.getByRole("button", { name: "Submit review" })).toBeFocused();
  await reviewer.keyboard.press("Enter");
  await expect(reviewer.getByTestId("review-result")).toHaveText("Review saved: the item is now approved.");
  await reviewerContext.close();

  // The researcher exports the project (approved items by default): the record carries the reviewer's round-2 scores.
  const researcherContext = await browser.newContext();
  const researcher = await researcherContext.newPage();
  await signIn(researcher, "researcher");
  const files = await exportViaApi(researcher, "review-e2e", { format: "srt", seed: 1, splits: "train=1" });
  const records = splitRecords<{ review: { scores: Record<string, number>; decision: string } }>(files);
  expect(records).toHaveLength(2);
  for (const record of records) {
    expect(record.review.decision).toBe("APPROVE");
    expect(record.review.scores).toEqual({ visual_grounding: 5, verdict_correctness: 4, reasoning_consistency: 4, tone: 5, answer_correctness: 5, mean: 4.6 });
  }
  await researcherContext.close();
});

test("k = 2: two reviewers disagree → the item waits for adjudication → a researcher decides", async ({ page, browser }) => {
  const review = async (who: "reviewer" | "reviewer2", keys: string, decision: "a" | "x", reason?: string) => {
    const context = await browser.newContext();
    const p = await context.newPage();
    await signIn(p, who);
    await claimFromQueue(p, "review-k2-e2e", "Start reviewing", /\/projects\/review-k2-e2e\/review\/[^/]+$/);
    // No anchoring: the first reviewer's review is not shown to the second before they submit.
    await expect(p.getByRole("heading", { name: "Reviews" })).toHaveCount(0);
    await scoreWithKeys(p, keys);
    await p.keyboard.press(decision);
    if (reason) await p.keyboard.type(reason);
    await p.getByRole("button", { name: "Submit review" }).click();
    const result = p.getByTestId("review-result");
    await expect(result).toBeVisible();
    const text = await result.textContent();
    await context.close();
    return text;
  };
  expect(await review("reviewer", "55555", "a")).toBe("Review saved; the item waits for another reviewer.");
  expect(await review("reviewer2", "21212", "x", "The evidence does not match the image.")).toBe("Review saved; the reviewers disagree, so a researcher will adjudicate.");

  await signIn(page, "researcher");
  await page.goto("/projects/review-k2-e2e/review");
  await expect(page.getByTestId("adjudication-count")).toContainText("1 item waits for adjudication");
  await page.getByRole("link", { name: "decide them" }).click();
  const table = page.locator("table");
  await expect(table).toContainText("Rex Reviewer");
  await expect(table).toContainText("Rae Second");
  await expect(table).toContainText("The evidence does not match the image.");
  const itemId = (await table.getAttribute("data-testid"))!.replace("adjudicate-", "");
  await page.getByLabel("Final decision").selectOption("APPROVE");
  await page.getByLabel("Reason").fill("The evidence is right: three cats.");
  await page.getByRole("button", { name: "Decide" }).click();
  await expect(page.getByText("Nothing to adjudicate")).toBeVisible();
  const reviews = (await (await page.request.get(`/api/v1/items/${itemId}/reviews`)).json()) as { itemStatus: string; reviews: { decision: string }[] };
  expect(reviews.itemStatus).toBe("APPROVED");
  expect(reviews.reviews.map((r) => r.decision)).toEqual(["APPROVE", "REJECT"]);
});
