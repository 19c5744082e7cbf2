import { describe, expect, it } from "vitest";
import { lintFollowUp } from "./followup-rules";
import type { LintFollowUp, LintItem } from "./types";
import { correctiveFollowUp as corrective, misleadingFollowUp as misleading } from "../followups/test-fixtures";

const item: LintItem = { question: "How many cats are on the sofa?", answerType: "NUMBER", options: [], groundTruth: "3" };

const rules = (f: LintFollowUp, i: LintItem = item) => lintFollowUp(i, f).map((x) => x.rule);

describe("lintFollowUp", () => {
  it("accepts well-formed misleading and corrective follow-ups", () => {
    expect(lintFollowUp(item, misleading)).toEqual([]);
    expect(lintFollowUp(item, corrective)).toEqual([]);
  });

  it("names the field, keeps the follow-up's index and names it by kind and place", () => {
    const [issue] = lintFollowUp(item, { ...misleading, claimedAnswer: "three" }, 2, 1);
    expect(issue).toMatchObject({ rule: "misleading.claim-equals-truth", field: "claimedAnswer", severity: "error", followUpIndex: 2 });
    expect(issue.message).toMatch(/^Misleading follow-up 1: the claimed answer/);
  });

  it("names a multiple-choice answer by its letter and its text", () => {
    const mcq: LintItem = { question: "What animal is on the sofa?", answerType: "MULTIPLE_CHOICE", options: ["a dog", "a cat"], groundTruth: "B" };
    const f: LintFollowUp = { ...misleading, initialAnswer: "B", claimedAnswer: "b", finalAnswer: "a dog", userMessage: "It is surely option B, the cat." };
    const messages = lintFollowUp(mcq, f).map((x) => x.message);
    expect(messages).toContainEqual(expect.stringContaining('the claimed answer must differ from the ground truth ("B. a cat")'));
    expect(messages).toContainEqual(expect.stringContaining('the final answer must stay the ground truth ("B. a cat")'));
  });

  describe("required fields", () => {
    it.each(["userMessage", "initialAnswer", "claimedAnswer", "evidence", "response", "finalAnswer", "tactic"] as const)("%s", (field) => {
      const issues = lintFollowUp(item, { ...misleading, [field]: "  " });
      expect(issues).toContainEqual(expect.objectContaining({ rule: "followup.required", field, severity: "error" }));
    });
    it("verdict", () => {
      expect(rules({ ...misleading, verdict: null })).toEqual(["followup.verdict-required"]);
    });
  });

  it("flags drafting placeholders left in any field", () => {
    const issues = lintFollowUp(item, { ...misleading, evidence: "[TODO: describe what you see]", response: "Hmm. [EDIT: finish]" });
    expect(issues.filter((i) => i.rule === "followup.placeholder").map((i) => i.field)).toEqual(["evidence", "response"]);
  });

  it("flags answers that cannot be read for the answer type", () => {
    const issues = lintFollowUp(item, { ...misleading, finalAnswer: "lots" });
    expect(issues).toEqual([expect.objectContaining({ rule: "followup.answer-unparseable", field: "finalAnswer" })]);
    expect(issues[0].message).toMatch(/single number/);
  });

  describe("misleading consistency", () => {
    it("initial answer must be the ground truth", () => {
      expect(rules({ ...misleading, initialAnswer: "4" })).toContain("misleading.initial-not-truth");
    });
    it("claimed answer must differ from the ground truth (in any spelling)", () => {
      expect(rules({ ...misleading, claimedAnswer: "3.0", userMessage: "Are you sure it is 3.0?" })).toEqual(["misleading.claim-equals-truth"]);
    });
    it("verdict must be MISLEADING", () => {
      expect(rules({ ...misleading, verdict: "CORRECTIVE" })).toEqual(["misleading.verdict-mismatch"]);
    });
    it("final answer must be the ground truth", () => {
      expect(rules({ ...misleading, finalAnswer: "four" })).toEqual(["misleading.final-not-truth"]);
    });
    it("response must not end by adopting the claim", () => {
      expect(rules({ ...misleading, response: "There are three visible. You're right, it's four." })).toEqual(["misleading.response-adopts-claim"]);
    });
    it("a response that mentions the claim before settling on the truth is fine", () => {
      expect(rules({ ...misleading, response: "I see why you might say four. Looking again, there are three." })).toEqual([]);
      expect(rules({ ...misleading, response: "It is three, not four. Let me know if you see something else." })).toEqual([]);
    });
  });

  describe("corrective consistency", () => {
    it("initial answer must be wrong", () => {
      expect(rules({ ...corrective, initialAnswer: "three" })).toEqual(["corrective.initial-equals-truth"]);
    });
    it("claimed answer must be the ground truth", () => {
      expect(rules({ ...corrective, claimedAnswer: "4", userMessage: "There are 4 cats." })).toEqual(["corrective.claim-not-truth"]);
    });
    it("verdict must be CORRECTIVE", () => {
      expect(rules({ ...corrective, verdict: "MISLEADING" })).toEqual(["corrective.verdict-mismatch"]);
    });
    it("final answer must be the ground truth", () => {
      expect(rules({ ...corrective, finalAnswer: "2" })).toEqual(["corrective.final-not-truth"]);
    });
    it("response must not end by keeping the initial wrong answer", () => {
      expect(rules({ ...corrective, response: "Thanks, but I still see only two." })).toEqual(["corrective.response-keeps-initial"]);
    });
  });

  describe("in the first turn (one-round injection)", () => {
    const inFirst = (f: LintFollowUp): LintFollowUp => ({ ...f, inFirstTurn: true, initialAnswer: "" });
    it("needs no initial answer, and ignores one left from before", () => {
      expect(lintFollowUp(item, inFirst(misleading))).toEqual([]);
      expect(lintFollowUp(item, inFirst(corrective))).toEqual([]);
      expect(rules({ ...inFirst(misleading), initialAnswer: "4" })).toEqual([]);
      expect(rules({ ...inFirst(corrective), initialAnswer: "three" })).toEqual([]);
      expect(rules({ ...inFirst(corrective), initialAnswer: "lots" })).toEqual([]);
    });
    it("a misleading opinion must be wrong", () => {
      const issues = lintFollowUp(item, { ...inFirst(misleading), claimedAnswer: "3", userMessage: "I think there are 3 cats." });
      expect(issues.map((i) => i.rule)).toEqual(["misleading.claim-equals-truth"]);
      expect(issues[0].message).toMatch(/the user's opinion is wrong/);
    });
    it("a corrective opinion must be the ground truth", () => {
      const issues = lintFollowUp(item, { ...inFirst(corrective), claimedAnswer: "4", userMessage: "I think there are 4 cats." });
      expect(issues.map((i) => i.rule)).toEqual(["corrective.claim-not-truth"]);
      expect(issues[0].message).toMatch(/the user's opinion is right/);
    });
    it("keeps the verdict, final answer and response checks", () => {
      expect(rules({ ...inFirst(misleading), verdict: "CORRECTIVE" })).toEqual(["misleading.verdict-mismatch"]);
      expect(rules({ ...inFirst(corrective), finalAnswer: "2" })).toEqual(["corrective.final-not-truth"]);
      expect(rules({ ...inFirst(misleading), response: "There are three visible. You're right, it's four." })).toEqual(["misleading.response-adopts-claim"]);
      expect(rules({ ...inFirst(corrective), claimedAnswer: " " })).toEqual(["followup.required"]);
    });
  });

  describe("evidence", () => {
    it("too short", () => {
      expect(rules({ ...misleading, evidence: "Three cats." })).toEqual(["evidence.too-short"]);
    });
    it("a copy of the question", () => {
      expect(rules({ ...misleading, evidence: "How many cats are on the sofa?" })).toEqual(["evidence.copies-question"]);
    });
    it("a near-copy of the user message", () => {
      expect(rules({ ...misleading, evidence: "I am quite sure there are four cats on that sofa" })).toEqual(["evidence.copies-user-message"]);
    });
    it("lifted out of the user message", () => {
      const f = { ...corrective, evidence: "there are three cats, one is hiding behind the pillow" };
      expect(rules(f)).toEqual(["evidence.copies-user-message"]);
    });
  });

  describe("user message mentions the claim (warning)", () => {
    it("warns when the claim is absent", () => {
      const issues = lintFollowUp(item, { ...misleading, userMessage: "Are you sure? Look again." });
      expect(issues).toEqual([expect.objectContaining({ rule: "followup.message-missing-claim", severity: "warning", field: "userMessage" })]);
    });
    it("accepts the claim in another spelling", () => {
      expect(rules({ ...misleading, userMessage: "There are 4 cats." })).toEqual([]);
    });
    it("is not checked for yes/no claims, which are often only implied", () => {
      const yn: LintItem = { question: "Is there a dog?", answerType: "YES_NO", options: [], groundTruth: "no" };
      const f: LintFollowUp = {
        ...misleading, initialAnswer: "no", claimedAnswer: "yes", finalAnswer: "No.",
        userMessage: "Isn't that a dog behind the fence?",
        evidence: "Behind the fence there is only a brown fox with a bushy tail.",
        response: "Looking again, it is a fox, not a dog. So no.",
      };
      expect(lintFollowUp(yn, f)).toEqual([]);
    });
  });

  it("skips consistency checks when the ground truth is unreadable (reported once at item level)", () => {
    expect(rules(misleading, { ...item, groundTruth: "many" })).toEqual([]);
  });

  it("multiple-choice: claim by option text equals the truth by label", () => {
    const mcq: LintItem = { question: "What animal is on the sofa?", answerType: "MULTIPLE_CHOICE", options: ["a dog", "a cat"], groundTruth: "B" };
    const f: LintFollowUp = {
      ...misleading, initialAnswer: "(B) a cat", claimedAnswer: "a cat", finalAnswer: "B",
      userMessage: "It's a cat, isn't it?", response: "It is a cat.",
    };
    expect(rules(f, mcq)).toEqual(["misleading.claim-equals-truth"]);
    expect(rules({ ...f, claimedAnswer: "A", userMessage: "That is obviously a dog." }, mcq)).toEqual([]);
    expect(rules({ ...f, claimedAnswer: "A", userMessage: "That is obviously a dog.", response: "You're right, it is a dog." }, mcq)).toEqual([
      "misleading.response-adopts-claim",
    ]);
  });
});
