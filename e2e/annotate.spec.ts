// The annotation workspace in a real browser against the production server: the work queue, the
// keyboard-only editor, never losing work (closed tab, offline), save conflicts between two tabs, the
// items table's bulk actions and creating an item for an image.
//
// Uses the demo project's DRAFT items (it asks for 1 misleading + 1 corrective follow-up per item);
// the last demo test puts the statuses back, so the demo's counts are as other specs expect them.
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { signIn } from "./fixtures/auth";


/** Start annotating from the queue page with the keyboard (the button has focus): returns the item's id. */
async function claimFromQueue(page: Page): Promise<string> {
  await page.goto("/projects/demo/annotate");
  const start = page.getByRole("button", { name: "Start annotating" });
  await expect(start).toBeFocused();
  // Enter on the focused button; pressed again if it came before the page was interactive (a second
  // claim returns the same held item).
  await expect(async () => {
    if (/\/annotate$/.test(page.url())) await page.keyboard.press("Enter");
    await page.waitForURL(/\/projects\/demo\/items\/[^/?]+\?queue=1$/, { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await editorReady(page);
  return new URL(page.url()).pathname.split("/").pop()!;
}

/** The editor is interactive once it has taken (or renewed) its lease. */
async function editorReady(page: Page) {
  await expect(page.getByTestId("hold-info")).toContainText(/You hold this item|Assigned to you/);
}

/** A project member's user id, read from the items table's assignee filter. */
async function memberId(page: Page, name: string): Promise<string> {
  return page.getByLabel("Assignee").locator("option", { hasText: name }).getAttribute("value") as Promise<string>;
}

/** The ground truth of the open item and a wrong answer, as typed into answer fields and said in messages. */
async function answersOf(page: Page) {
  const type = await page.locator("#answerType").inputValue();
  const truth = (await page.locator("#groundTruth").inputValue()).trim();
  if (type === "MULTIPLE_CHOICE") {
    const texts = await page.getByRole("textbox", { name: /^Option [A-Z]$/ }).evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    const t = truth.charCodeAt(0) - 65;
    const w = (t + 1) % texts.length;
    return { truth, wrong: String.fromCharCode(65 + w), truthText: texts[t], wrongText: texts[w] };
  }
  if (type === "YES_NO") {
    const wrong = truth === "yes" ? "no" : "yes";
    return { truth, wrong, truthText: truth, wrongText: wrong };
  }
  if (type === "NUMBER") return { truth, wrong: String(Number(truth) + 2), truthText: truth, wrongText: String(Number(truth) + 2) };
  const wrong = truth === "hexagon" ? "octagon" : "hexagon";
  return { truth, wrong, truthText: truth, wrongText: wrong };
}

test("an annotator claims an item and writes both follow-ups with the keyboard only, fixing a lint error, then submits", async ({ page }) => {
  await signIn(page, "annotator");
  const itemId = await claimFromQueue(page);
  const a = await answersOf(page);
  const type = (text: string) => page.keyboard.type(text);
  const tab = () => page.keyboard.press("Tab");

  // `?` lists the shortcuts, Escape closes the overlay; `g` shows the guidelines.
  await page.keyboard.press("?");
  await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
  await expect(page.getByRole("dialog")).toContainText("Submit for review");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toBeHidden();
  await page.keyboard.press("g");
  await expect(page.getByRole("dialog", { name: "Guidelines" })).toContainText("How to write SRT follow-ups");
  await page.keyboard.press("Escape");
  await expect(page.getByRole("dialog")).toBeHidden();

  // Image zoom keys (outside text fields): + zooms, 0 fits.
  await page.keyboard.press("+");
  await expect(page.getByTestId("zoom-label")).not.toHaveText("Fit");
  await page.keyboard.press("0");
  await expect(page.getByTestId("zoom-label")).toHaveText("Fit");

  // Follow-up 1, misleading: the model was right, the user pushes a wrong answer.
  await page.keyboard.press("Alt+1");
  await expect(page.locator("#fu-0-initialAnswer")).toBeFocused();
  await type(a.truth);
  await tab();
  await expect(page.locator("#fu-0-claimedAnswer")).toBeFocused();
  // A mistake first: claiming the ground truth is a lint error, shown at once beside the field.
  await type(a.truth);
  await expect(page.locator("#fu-0-claimedAnswer-issues")).toContainText("the claimed answer must differ from the ground truth");
  await expect(page.locator("#fu-0-claimedAnswer")).toHaveAttribute("aria-invalid", "true");
  await page.keyboard.press("Control+A");
  await type(a.wrong);
  await expect(page.locator("#fu-0-claimedAnswer-issues")).toHaveCount(0);
  await tab(); // tactic: keep plain assertion
  await tab();
  await expect(page.locator("#fu-0-userMessage")).toBeFocused();
  await type(`I'm completely sure the answer is ${a.wrongText}.`);
  await tab();
  await page.keyboard.press("Space"); // verdict: misleading (first choice)
  await expect(page.locator('input[name="fu-0-verdict"][value="MISLEADING"]')).toBeChecked();
  await tab();
  await expect(page.locator("#fu-0-evidence")).toBeFocused();
  await type("Looking closely at every shape in the picture, their outlines and fill colours settle it.");
  await tab();
  await type(`I looked at the image once more and I keep my answer: ${a.truthText}.`);
  await tab();
  await expect(page.locator("#fu-0-finalAnswer")).toBeFocused();
  await type(a.truth);

  // The live preview renders the sample exactly as the export will.
  await expect(page.getByTestId("preview-turn-2")).toHaveText(`I'm completely sure the answer is ${a.wrongText}.`);
  await expect(page.getByTestId("preview-turn-3")).toContainText("Your suggestion is misleading.");

  // Follow-up 2, corrective: the model was wrong, the user brings the right answer.
  await page.keyboard.press("Alt+2");
  await expect(page.locator("#fu-1-initialAnswer")).toBeFocused();
  await type(a.wrong);
  await tab();
  await type(a.truth);
  await tab();
  await tab();
  await type(`No, please look again: it is ${a.truthText}.`);
  await tab();
  await page.keyboard.press("ArrowRight"); // verdict: corrective (second choice)
  await expect(page.locator('input[name="fu-1-verdict"][value="CORRECTIVE"]')).toBeChecked();
  await tab();
  await type("Checking the image again, the shapes and their colours show where my first answer went wrong.");
  await tab();
  await type(`You are right, I misjudged it. The answer is ${a.truthText}.`);
  await tab();
  await type(a.truth);

  await expect(page.getByTestId("lint-count")).toContainText(/all clear|0 errors/);
  // Alt+↑ walks back through the sections (stage 2 → stage 1).
  await page.keyboard.press("Alt+ArrowUp");
  await expect(page.locator('input[name="fu-1-verdict"][value="CORRECTIVE"]')).toBeFocused();

  await page.keyboard.press("Control+Enter");
  await expect(page.getByTestId("item-status")).toContainText("Submitted");
  await expect(page.getByTestId("submitted-panel")).toBeVisible();
  // Said once, in the panel with the way on.
  await expect(page.getByText("Submitted for review")).toHaveCount(1);

  // Stored on the server: a fresh load shows the submitted item, read only, with what was typed.
  await page.goto(`/projects/demo/items/${itemId}`);
  await expect(page.getByTestId("item-status")).toContainText("Submitted");
  await expect(page.locator("#fu-0-userMessage")).toHaveValue(`I'm completely sure the answer is ${a.wrongText}.`);
  await expect(page.locator("#fu-1-response")).toHaveValue(`You are right, I misjudged it. The answer is ${a.truthText}.`);
  await expect(page.locator("#fu-1-response")).toBeDisabled();
});

test("nothing typed is lost: a tab closed mid-edit, and an offline tab closed before it could save", async ({ browser }) => {
  const context = await browser.newContext();
  try {
    await closedTabAndOffline(context);
  } finally {
    await context.close();
  }
});

async function closedTabAndOffline(context: BrowserContext) {
  const page = await context.newPage();
  await signIn(page, "annotator");
  const itemId = await claimFromQueue(page);
  const url = `/projects/demo/items/${itemId}`;

  // Closed right after typing (before the autosave interval): the way out or the browser backup keeps it.
  await page.keyboard.press("Alt+1");
  await page.keyboard.press("Control+A");
  await page.keyboard.type("closed tab answer");
  await page.locator("#fu-0-userMessage").focus();
  await page.keyboard.press("Control+A");
  await page.keyboard.type("Typed just before the tab was closed.");
  await page.close();
  const again = await context.newPage();
  await again.goto(url);
  await expect(again.locator("#fu-0-initialAnswer")).toHaveValue("closed tab answer");
  await expect(again.locator("#fu-0-userMessage")).toHaveValue("Typed just before the tab was closed.");
  await editorReady(again);
  await expect(again.getByTestId("save-state")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });

  // Offline: saves fail, the state says so, and the browser keeps the text; closing the tab loses nothing.
  await context.setOffline(true);
  await again.locator("#caption").focus();
  await again.keyboard.press("Control+A");
  await again.keyboard.type("Caption written while offline.");
  await again.keyboard.press("Control+S");
  await expect(again.getByTestId("save-state")).toHaveAttribute("data-state", "offline");
  await expect(again.getByTestId("save-state")).toContainText("Offline");
  await again.close();
  await context.setOffline(false);

  const third = await context.newPage();
  await third.goto(url);
  await expect(third.getByTestId("editor-notice")).toContainText("Restored unsaved changes from this browser");
  await expect(third.locator("#caption")).toHaveValue("Caption written while offline.");
  await expect(third.locator("#fu-0-userMessage")).toHaveValue("Typed just before the tab was closed.");
  // The restored changes are saved to the server now.
  await expect(third.getByTestId("save-state")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
  await third.reload();
  await expect(third.getByTestId("editor-notice")).toHaveCount(0);
  await expect(third.locator("#caption")).toHaveValue("Caption written while offline.");
}

test("two tabs edit the same item: the second save shows both versions, the merge keeps both changes", async ({ browser }) => {
  const contextA = await browser.newContext();
  const contextB = await browser.newContext();
  try {
    await twoTabs(await contextA.newPage(), await contextB.newPage());
  } finally {
    await contextA.close();
    await contextB.close();
  }
});

async function twoTabs(a: Page, b: Page) {
  await signIn(a, "annotator2");
  await signIn(b, "annotator2");
  const itemId = await claimFromQueue(a);
  await b.goto(`/projects/demo/items/${itemId}`);
  await editorReady(b);
  const originalCaption = await b.locator("#caption").inputValue();

  await a.locator("#caption").fill("Caption written in tab A.");
  await a.keyboard.press("Control+S");
  await expect(a.getByTestId("save-state")).toHaveAttribute("data-state", "saved");

  // Tab B still has the old version: its save is refused (409) and both versions are shown.
  await b.locator("#fu-0-userMessage").fill("Message written in tab B.");
  await b.keyboard.press("Control+S");
  const conflict = b.getByTestId("conflict-view");
  await expect(conflict).toBeVisible();
  await expect(b.getByTestId("save-state")).toHaveAttribute("data-state", "conflict");
  const captionRow = b.getByTestId("conflict-caption");
  await expect(captionRow.getByTestId("mine")).toHaveText(originalCaption);
  await expect(captionRow.getByTestId("theirs")).toHaveText("Caption written in tab A.");
  await expect(captionRow.getByRole("radio", { name: "Take theirs" })).toBeChecked();
  const messageRow = b.getByTestId("conflict-MISLEADING:1.userMessage");
  await expect(messageRow.getByTestId("mine")).toHaveText("Message written in tab B.");
  await expect(messageRow.getByRole("radio", { name: "Keep mine" })).toBeChecked();
  await b.getByRole("button", { name: "Save merged version" }).click();
  await expect(conflict).toBeHidden();
  await expect(b.getByTestId("save-state")).toHaveAttribute("data-state", "saved");

  // Nothing lost: tab A reloads both changes.
  await a.reload();
  await expect(a.locator("#caption")).toHaveValue("Caption written in tab A.");
  await expect(a.locator("#fu-0-userMessage")).toHaveValue("Message written in tab B.");
}

test("a reload mid-edit is not a conflict with one's own save: keep typing and submit", async ({ page }) => {
  // Ann Annotator: the bulk-actions test below puts her submitted items back to draft.
  await signIn(page, "annotator");
  const itemId = await claimFromQueue(page);
  const a = await answersOf(page);
  const fill = async (index: number, values: Record<string, string>) => {
    for (const [field, value] of Object.entries(values)) await page.locator(`#fu-${index}-${field}`).fill(value);
  };
  await fill(0, {
    initialAnswer: a.truth,
    claimedAnswer: a.wrong,
    userMessage: `I'm completely sure the answer is ${a.wrongText}.`,
    evidence: "Looking closely at every shape in the picture, their outlines and fill colours settle it.",
    response: `I looked at the image once more and I keep my answer: ${a.truthText}.`,
    finalAnswer: a.truth,
  });
  await page.locator('input[name="fu-0-verdict"][value="MISLEADING"]').check();
  await page.keyboard.press("Control+S");
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved");

  // Typed, then reloaded before the autosave: the save sent on the way out reaches the server only
  // after the reloaded page has read the item (as on a busy server), so the page restores the
  // browser's copy at the old version while the server moves on to the next one with the same text.
  await fill(1, { initialAnswer: a.wrong, claimedAnswer: a.truth });
  let delayed = 0;
  await page.route(`**/api/items/${itemId}`, async (route) => {
    if (route.request().method() === "PUT" && delayed++ === 0) await new Promise((resolve) => setTimeout(resolve, 2_500));
    await route.continue().catch(() => undefined);
  });
  await page.reload();
  await expect(page.locator("#fu-1-claimedAnswer")).toHaveValue(a.truth);
  await editorReady(page);
  await expect.poll(() => delayed, { timeout: 10_000 }).toBeGreaterThan(0);

  // Keep typing, let the autosave run into the save made on leaving, then submit: no merge view.
  await fill(1, {
    userMessage: `No, please look again: it is ${a.truthText}.`,
    evidence: "Checking the image again, the shapes and their colours show where my first answer went wrong.",
  });
  // The autosave (3 s after the last change) has run and saved, not a fixed sleep that a slow machine outlasts.
  await expect(page.getByTestId("save-state")).toHaveAttribute("data-state", "saved", { timeout: 15_000 });
  await expect(page.getByTestId("conflict-view")).toHaveCount(0);
  await fill(1, { response: `You are right, I misjudged it. The answer is ${a.truthText}.`, finalAnswer: a.truth });
  await page.locator('input[name="fu-1-verdict"][value="CORRECTIVE"]').check();
  await page.keyboard.press("Control+Enter");
  await expect(page.getByTestId("item-status")).toContainText("Submitted");
  await expect(page.getByTestId("conflict-view")).toHaveCount(0);
  await page.unroute(`**/api/items/${itemId}`);

  await page.goto(`/projects/demo/items/${itemId}`);
  await expect(page.locator("#fu-1-response")).toHaveValue(`You are right, I misjudged it. The answer is ${a.truthText}.`);
});

test("an admin filters the items table and uses the bulk actions (status, assignee)", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/projects/demo/items");
  await expect(page.getByTestId("items-table")).toBeVisible();
  await expect(page.getByTestId("status-all")).toContainText("12");

  // Search the text (question, caption, follow-ups) and filter by answer type, through the filter form.
  await page.getByLabel("Search text").fill("blue square");
  await page.getByLabel("Answer type").selectOption("YES_NO");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/q=blue\+square/);
  const rows = page.getByTestId("items-table").locator("tbody tr");
  await expect(rows).toHaveCount(3);
  await expect(rows.first()).toContainText("Is there a blue square");
  // The status chips count the same matches (one search serves the page and its counts).
  await expect(page.getByTestId("status-all")).toHaveText("all 3");
  // While searching the table is in best-match order; a status chip keeps the search and the filters,
  // and lists exactly the matches it counted.
  const sort = page.getByLabel("Sort", { exact: true });
  await expect(sort.locator("option:checked")).toHaveText("best match");
  const drafts = Number((await page.getByTestId("status-DRAFT").textContent())?.match(/\d+/)?.[0]);
  await page.getByTestId("status-DRAFT").click();
  await expect(page).toHaveURL(/status=DRAFT/);
  await expect(page).toHaveURL(/q=blue\+square/);
  await expect(page).toHaveURL(/type=YES_NO/);
  if (drafts > 0) await expect(rows).toHaveCount(drafts);
  else await expect(page.getByText("No items match these filters")).toBeVisible();
  await expect(page.getByTestId("status-all")).toHaveText("all 3");
  // Another order is one choice away, and keeps the search.
  await page.getByLabel("Status", { exact: true }).selectOption("");
  await sort.selectOption("created");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/sort=created/);
  await expect(rows).toHaveCount(3);
  await expect(page.getByLabel("Sort", { exact: true }).locator("option:checked")).toHaveText("created");
  await page.getByRole("link", { name: "Clear" }).click();

  // Put the demo back as the other specs expect it: the item the annotator submitted above (submitted
  // items keep their annotator; the seeded ones have none) goes back to draft, and the drafts the tests
  // claimed are unassigned. Filters by status and assignee, then ticks every row of the page.
  await page.goto(`/projects/demo/items?status=SUBMITTED&assignee=${await memberId(page, "Ann Annotator")}`);
  const submitted = await page.getByTestId("items-table").locator("tbody tr").count().catch(() => 0);
  if (submitted > 0) {
    await page.getByRole("checkbox", { name: "Select every item on this page" }).check();
    await expect(page.getByTestId("selected-count")).toHaveText(String(submitted));
    await page.getByLabel("Set status").selectOption("DRAFT");
    await page.getByRole("button", { name: "Apply", exact: true }).click();
    await expect(page.getByTestId("bulk-message")).toContainText(`Set ${submitted} item${submitted === 1 ? "" : "s"} to draft.`);
    await expect(page.getByText("No items match these filters")).toBeVisible();
  }
  await page.goto("/projects/demo/items?status=DRAFT");
  await page.getByRole("checkbox", { name: "Select every item on this page" }).check();
  await page.getByLabel("Assign to").selectOption("none");
  await page.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(page.getByTestId("bulk-message")).toContainText("Unassigned 4 items.");
  await expect(page.getByTestId("status-DRAFT")).toContainText("Draft 4");
  await expect(page.getByTestId("items-table").locator("tbody")).not.toContainText("Ann ");
});

test("an annotator creates an item for an image and lands in its editor", async ({ page }) => {
  await signIn(page, "annotator");
  await page.goto("/projects/annotate-e2e/annotate");
  await expect(page.getByText("The queue is empty")).toBeVisible();
  await page.getByRole("link", { name: "Write a new item" }).click();
  await page.getByRole("link", { name: /^Use fresh-100\.png/ }).click();
  await expect(page).toHaveURL(/\/items\/new\?asset=/);

  await page.getByLabel("Question").fill("What colour is the first shape?");
  await page.getByLabel("Answer type").selectOption("MULTIPLE_CHOICE");
  // Options pasted with their labels: one option per line, the labels dropped (the letters are shown already).
  await page.getByRole("textbox", { name: "Option A", exact: true }).evaluate((input, text) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    input.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, "A. Red\nB. Blue");
  await expect(page.getByRole("textbox", { name: "Option A", exact: true })).toHaveValue("Red");
  await expect(page.getByRole("textbox", { name: "Option B", exact: true })).toHaveValue("Blue");
  await page.getByRole("button", { name: "+ Add option" }).click();
  await expect(page.getByRole("textbox", { name: "Option C", exact: true })).toBeFocused();
  await page.keyboard.type("Green");
  await page.getByRole("button", { name: "Create item and open the editor" }).click();
  // No ground truth chosen: refused, naming the field, and nothing typed is lost.
  await expect(page.getByText("The ground truth is required.", { exact: true })).toBeVisible();
  await expect(page.getByLabel("Question")).toHaveValue("What colour is the first shape?");
  await page.getByLabel("Ground truth").selectOption("C");
  await page.getByRole("button", { name: "Create item and open the editor" }).click();

  await page.waitForURL(/\/projects\/annotate-e2e\/items\/(?!new)[^/?]+$/);
  await expect(page.getByTestId("item-status")).toContainText("Draft");
  await expect(page.locator("#question")).toHaveValue("What colour is the first shape?");
  await expect(page.locator("#groundTruth")).toHaveValue("C");
  await expect(page.getByRole("textbox", { name: "Option C", exact: true })).toHaveValue("Green");
  // The project asks for one follow-up of each kind: both are there to fill in.
  await expect(page.getByTestId("follow-up-0")).toContainText("Misleading follow-up 1");
  await expect(page.getByTestId("follow-up-1")).toContainText("Corrective follow-up 1");
  await editorReady(page);

  // Draft (Alt+Shift+D) fills the first follow-up from its tactic's template; the evidence stays for a human.
  await page.keyboard.press("Alt+1");
  await page.keyboard.press("Alt+Shift+D");
  await expect(page.locator("#fu-0-initialAnswer")).toHaveValue("C");
  await expect(page.locator("#fu-0-userMessage")).not.toHaveValue("");
  await expect(page.locator("#fu-0-evidence-issues")).toContainText("drafting placeholder");
});
