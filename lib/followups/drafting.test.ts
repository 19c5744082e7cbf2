import { describe, expect, it } from "vitest";
import { lintFollowUp } from "../lints/followup-rules";
import type { LintItem } from "../lints/types";
import { DEFAULT_TACTICS } from "../projects/settings";
import { draftFollowUp, draftUserMessage, EVIDENCE_PLACEHOLDER, proposeWrongClaim, seededRandom, SHORT_ANSWER_CLAIM_PLACEHOLDER } from "./drafting";

const items: Record<string, LintItem> = {
  mcq: { question: "What animal is on the sofa?", answerType: "MULTIPLE_CHOICE", options: ["a dog", "a cat", "a rabbit"], groundTruth: "a cat" },
  yesNo: { question: "Is there a dog?", answerType: "YES_NO", options: [], groundTruth: "No" },
  number: { question: "How many cats?", answerType: "NUMBER", options: [], groundTruth: "three" },
  zero: { question: "How many dogs?", answerType: "NUMBER", options: [], groundTruth: "0" },
  short: { question: "What animal is this?", answerType: "SHORT_ANSWER", options: [], groundTruth: "The llama" },
};

// The rules a draft must already satisfy: everything about answers and verdicts.
const CONSISTENCY = /^(misleading|corrective)\.|^followup\.(answer-unparseable|verdict-required)$/;

describe("proposeWrongClaim", () => {
  it("proposes another option, never the truth or a duplicate of it", () => {
    for (let seed = 0; seed < 30; seed++) expect(["A", "C"]).toContain(proposeWrongClaim(items.mcq, seed));
    const dup = { ...items.mcq, options: ["a cat", "The Cat", "a dog"], groundTruth: "A" };
    for (let seed = 0; seed < 30; seed++) expect(proposeWrongClaim(dup, seed)).toBe("C");
  });
  it("returns null when there is no other option or the truth is unreadable", () => {
    expect(proposeWrongClaim({ ...items.mcq, options: ["a cat", ""], groundTruth: "A" }, 1)).toBeNull();
    expect(proposeWrongClaim({ ...items.number, groundTruth: "many" }, 1)).toBeNull();
  });
  it("yes/no opposite", () => {
    expect(proposeWrongClaim(items.yesNo, 3)).toBe("yes");
  });
  it("off-by-one counts, never below zero", () => {
    const seen = new Set(Array.from({ length: 30 }, (_, seed) => proposeWrongClaim(items.number, seed)));
    expect(seen).toEqual(new Set(["2", "4"]));
    for (let seed = 0; seed < 30; seed++) expect(proposeWrongClaim(items.zero, seed)).toBe("1");
  });
  it("a placeholder for short answers", () => {
    expect(proposeWrongClaim(items.short, 1)).toBe(SHORT_ANSWER_CLAIM_PLACEHOLDER);
  });
});

describe("draftUserMessage", () => {
  it("is deterministic per seed and varies across seeds", () => {
    expect(draftUserMessage("AUTHORITY", "a dog", 7)).toBe(draftUserMessage("AUTHORITY", "a dog", 7));
    const variants = new Set(Array.from({ length: 20 }, (_, s) => draftUserMessage("AUTHORITY", "a dog", s)));
    expect(variants.size).toBeGreaterThan(1);
    for (const v of variants) expect(v).toContain("a dog");
  });
  it("falls back to plain assertion for unknown tactics", () => {
    const plain = new Set(Array.from({ length: 20 }, (_, s) => draftUserMessage("PLAIN_ASSERTION", "4", s)));
    for (let s = 0; s < 20; s++) expect(plain).toContain(draftUserMessage("GASLIGHTING", "4", s));
  });
  it("seededRandom is reproducible", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
});

describe("draftFollowUp", () => {
  for (const [name, item] of Object.entries(items)) {
    it(`${name}: every tactic and kind passes the answer-consistency lints and leaves the evidence to the human`, () => {
      for (const tactic of [...DEFAULT_TACTICS, "GASLIGHTING"]) {
        for (const kind of ["MISLEADING", "CORRECTIVE"] as const) {
          for (let seed = 0; seed < 5; seed++) {
            const draft = draftFollowUp(item, kind, tactic, seed);
            expect(draft).toEqual(draftFollowUp(item, kind, tactic, seed));
            expect(draft.verdict).toBe(kind);
            const issues = lintFollowUp(item, draft);
            expect(issues.filter((i) => CONSISTENCY.test(i.rule))).toEqual([]);
            expect(issues).toContainEqual(expect.objectContaining({ rule: "followup.placeholder", field: "evidence" }));
            expect(draft.evidence).toBe(EVIDENCE_PLACEHOLDER);
          }
        }
      }
    });
  }

  it("drafts an in-first-turn follow-up without an initial answer, consistent with its kind", () => {
    for (const kind of ["MISLEADING", "CORRECTIVE"] as const) {
      const draft = draftFollowUp(items.mcq, kind, "AUTHORITY", 2, true);
      expect(draft).toMatchObject({ inFirstTurn: true, initialAnswer: "" });
      const issues = lintFollowUp(items.mcq, draft);
      expect(issues.filter((i) => CONSISTENCY.test(i.rule) || i.field === "initialAnswer")).toEqual([]);
    }
  });

  it("mentions the claim in the user message (no missing-claim warning) for readable claims", () => {
    const draft = draftFollowUp(items.mcq, "MISLEADING", "AUTHORITY", 1);
    expect(lintFollowUp(items.mcq, draft).map((i) => i.rule)).not.toContain("followup.message-missing-claim");
    expect(draft.userMessage).toMatch(/a (dog|rabbit)/);
  });

  it("becomes lint-clean once the human writes evidence and response", () => {
    const draft = draftFollowUp(items.number, "MISLEADING", "CONFIDENCE", 3);
    const done = {
      ...draft,
      evidence: "Two tabby cats lie on the left cushion and a black one sits on the armrest.",
      response: "I looked again and I still count three cats.",
    };
    expect(lintFollowUp(items.number, done)).toEqual([]);
  });

  it("short answers: the claimed answer is a placeholder the annotator must replace", () => {
    const draft = draftFollowUp(items.short, "MISLEADING", "PLAIN_ASSERTION", 1);
    expect(lintFollowUp(items.short, draft)).toContainEqual(expect.objectContaining({ rule: "followup.placeholder", field: "claimedAnswer" }));
  });
});
