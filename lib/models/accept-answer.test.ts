import { describe, expect, it } from "vitest";
import { blankFollowUp, type ItemDraft } from "../followups/editor-draft";
import { applyModelAnswer } from "./accept-answer";

const draft = (over: Partial<ItemDraft> = {}): ItemDraft => ({
  question: "Which shape is red?",
  answerType: "MULTIPLE_CHOICE",
  options: ["circle", "square", "triangle"],
  groundTruth: "A",
  caption: "",
  tags: [],
  isGold: false,
  followUps: [blankFollowUp("MISLEADING"), blankFollowUp("CORRECTIVE")],
  ...over,
});

describe("using a model's answer in a follow-up", () => {
  it("a wrong answer fills the blank corrective follow-up, the claim being the ground truth", () => {
    const { draft: next, index } = applyModelAnswer(draft(), "CORRECTIVE", "B", 1);
    expect(index).toBe(1);
    expect(next.followUps[1]).toMatchObject({ kind: "CORRECTIVE", initialAnswer: "B", claimedAnswer: "A", evidence: "", response: "" });
    expect(next.followUps[0]).toEqual(blankFollowUp("MISLEADING"));
  });

  it("a right answer fills a misleading follow-up with a wrong claim from the other options", () => {
    const { draft: next, index } = applyModelAnswer(draft(), "MISLEADING", "A", 7);
    expect(index).toBe(0);
    expect(next.followUps[0].initialAnswer).toBe("A");
    expect(["B", "C"]).toContain(next.followUps[0].claimedAnswer);
  });

  it("a number's claim is a near miss; a written claim is kept", () => {
    const numeric = draft({ answerType: "NUMBER", options: [], groundTruth: "4" });
    const { draft: next } = applyModelAnswer(numeric, "MISLEADING", "4", 3);
    expect(["3", "5"]).toContain(next.followUps[0].claimedAnswer);
    const written = draft({ followUps: [{ ...blankFollowUp("MISLEADING"), claimedAnswer: "C" }] });
    expect(applyModelAnswer(written, "MISLEADING", "A", 1).draft.followUps[0].claimedAnswer).toBe("C");
  });

  it("appends a follow-up of the kind when every one already has an initial answer", () => {
    const full = draft({ followUps: [{ ...blankFollowUp("CORRECTIVE"), initialAnswer: "C" }] });
    const { draft: next, index } = applyModelAnswer(full, "CORRECTIVE", "B", 1);
    expect(index).toBe(1);
    expect(next.followUps).toHaveLength(2);
    expect(next.followUps[0].initialAnswer).toBe("C");
    expect(next.followUps[1]).toMatchObject({ kind: "CORRECTIVE", initialAnswer: "B", claimedAnswer: "A" });
  });
});
