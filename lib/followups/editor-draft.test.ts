import { describe, expect, it } from "vitest";
import { hasErrors } from "../lints/issues";
import { lintItem } from "../lints/item-rules";
import { draftFollowUp } from "./drafting";
import {
  adoptIds,
  applyProposal,
  blankFollowUp,
  draftOf,
  issuesByField,
  lintInput,
  parseTags,
  sameContent,
  sameDraft,
  slotOf,
  snapshotOf,
  withRequiredSlots,
  type ItemDraft,
} from "./editor-draft";

const item: ItemDraft = {
  question: "How many red circles are there?",
  answerType: "NUMBER",
  options: [],
  groundTruth: "2",
  caption: "",
  tags: ["counting"],
  isGold: false,
  followUps: [],
};

describe("editor drafts", () => {
  it("adds the blank follow-ups the project requires, misleading first, and keeps existing ones", () => {
    const existing = { ...item, followUps: [{ ...blankFollowUp("CORRECTIVE"), id: "c1", userMessage: "hi" }] };
    const draft = withRequiredSlots(existing, { misleadingPerItem: 2, correctivePerItem: 1 });
    expect(draft.followUps.map((f) => [f.kind, f.id ?? null])).toEqual([
      ["CORRECTIVE", "c1"],
      ["MISLEADING", null],
      ["MISLEADING", null],
    ]);
    expect(slotOf(draft.followUps, 2)).toEqual({ kind: "MISLEADING", n: 2 });
    expect(withRequiredSlots(draft, { misleadingPerItem: 1, correctivePerItem: 0 }).followUps).toHaveLength(3);
  });

  it("compares content as the server stores it: trimmed, tags folded, ids ignored", () => {
    const a = { ...item, question: " How many red circles are there? ", tags: ["Counting", "counting"] };
    expect(sameContent(a, item)).toBe(true);
    expect(sameDraft(a, item)).toBe(false);
    const withId = { ...item, followUps: [{ ...blankFollowUp("MISLEADING"), id: "x" }] };
    expect(sameContent(withId, { ...item, followUps: [blankFollowUp("MISLEADING")] })).toBe(true);
    expect(sameContent({ ...item, caption: "a" }, item)).toBe(false);
  });

  it("parses tags typed as a comma-separated list", () => {
    expect(parseTags("red, Counting ,, red")).toEqual(["red", "counting"]);
    expect(parseTags("  ")).toEqual([]);
  });

  it("gives stored ids to follow-ups saved without one, keeping what was typed meanwhile", () => {
    const sent = { ...item, followUps: [blankFollowUp("MISLEADING"), { ...blankFollowUp("CORRECTIVE"), id: "c1" }] };
    const typedSince = { ...sent, followUps: [{ ...sent.followUps[0], userMessage: "typing…" }, sent.followUps[1]] };
    const stored = { followUps: [{ ...blankFollowUp("MISLEADING"), id: "m1" }, { ...blankFollowUp("CORRECTIVE"), id: "c1" }] };
    const adopted = adoptIds(typedSince, sent, stored);
    expect(adopted.followUps.map((f) => f.id)).toEqual(["m1", "c1"]);
    expect(adopted.followUps[0].userMessage).toBe("typing…");
    // Removed meanwhile: positions no longer match, nothing is guessed.
    expect(adoptIds({ ...sent, followUps: [sent.followUps[1]] }, sent, stored).followUps.map((f) => f.id)).toEqual(["c1"]);
  });

  it("snapshots keep only the editor's fields and drafts are deep copies", () => {
    const stored = { ...item, id: "i1", version: 3, status: "DRAFT", assetId: "secret", followUps: [{ ...blankFollowUp("MISLEADING"), id: "m1", authorId: "u" }] };
    const snapshot = snapshotOf(stored);
    expect(snapshot).not.toHaveProperty("assetId");
    expect(snapshot.followUps[0]).not.toHaveProperty("authorId");
    const draft = draftOf(snapshot);
    draft.followUps[0].userMessage = "changed";
    draft.tags.push("x");
    expect(snapshot.followUps[0].userMessage).toBe("");
    expect(snapshot.tags).toEqual(["counting"]);
  });

  it("groups lint issues by field for display beside the fields", () => {
    const draft = withRequiredSlots({ ...item, question: "" }, { misleadingPerItem: 1, correctivePerItem: 1 });
    const issues = lintItem(lintInput(draft), { misleadingPerItem: 1, correctivePerItem: 1 });
    const byField = issuesByField(issues);
    expect(byField.get("item:question")?.[0].rule).toBe("item.question-required");
    expect(byField.get("0:evidence")?.[0].rule).toBe("followup.required");
    expect(byField.get("1:verdict")?.[0].rule).toBe("followup.verdict-required");
  });

  it("applies a drafting proposal to blank and untouched fields only, never to the tactic", () => {
    const proposal = draftFollowUp(lintInput(item), "MISLEADING", "AUTHORITY", 1);
    const current = { ...blankFollowUp("MISLEADING", "AUTHORITY"), id: "m1", evidence: "I see two red circles at the top." };
    const applied = applyProposal(current, proposal);
    expect(applied).toMatchObject({ id: "m1", tactic: "AUTHORITY", initialAnswer: "2", verdict: "MISLEADING", evidence: current.evidence });
    expect(applied.userMessage).toBe(proposal.userMessage);
    // A second proposal replaces what the first wrote, but not what the annotator edited.
    const edited = { ...applied, response: "My own response." };
    const again = applyProposal(edited, draftFollowUp(lintInput(item), "MISLEADING", "AUTHORITY", 7), proposal);
    expect(again.response).toBe("My own response.");
    expect(again.claimedAnswer).not.toBe("");
    // The draft alone never passes: the evidence and response placeholders remain for a human.
    const fresh = applyProposal(blankFollowUp("MISLEADING"), proposal);
    expect(hasErrors(lintItem({ ...lintInput(item), followUps: [fresh] }))).toBe(true);
  });
});
