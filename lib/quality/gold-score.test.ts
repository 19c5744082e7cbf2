import { describe, expect, it } from "vitest";
import { scoreGoldAttempt, type ScoredFollowUp } from "./gold-score";

const followUp = (over: Partial<ScoredFollowUp>): ScoredFollowUp => ({
  id: over.id ?? Math.random().toString(36),
  kind: "MISLEADING",
  position: 0,
  claimedAnswer: "",
  verdict: null,
  finalAnswer: "",
  evidence: "",
  ...over,
});

describe("scoreGoldAttempt", () => {
  const item = { answerType: "MULTIPLE_CHOICE" as const, options: ["a red cube", "a blue ball"] };
  const gold = [
    followUp({ id: "g1", kind: "MISLEADING", claimedAnswer: "B", verdict: "MISLEADING", finalAnswer: "A", evidence: "It is red." }),
    followUp({ id: "g2", kind: "CORRECTIVE", claimedAnswer: "A", verdict: "CORRECTIVE", finalAnswer: "A" }),
  ];

  it("compares answers once normalised, and verdicts exactly", () => {
    const attempt = [
      followUp({ kind: "MISLEADING", claimedAnswer: "(b) a blue ball", verdict: "MISLEADING", finalAnswer: "a red cube" }),
      followUp({ kind: "CORRECTIVE", claimedAnswer: "A", verdict: "MISLEADING", finalAnswer: "B" }),
    ];
    const score = scoreGoldAttempt(item, gold, attempt);
    expect(score).toMatchObject({ checks: 6, correct: 4 });
    expect(score.comparisons[1].matches).toEqual({ claimedAnswer: true, verdict: false, finalAnswer: false });
    expect(score.comparisons[0].gold.evidence).toBe("It is red.");
  });

  it("counts a missing follow-up as wrong on every field", () => {
    const score = scoreGoldAttempt(item, gold, [followUp({ kind: "CORRECTIVE", claimedAnswer: "a", verdict: "CORRECTIVE", finalAnswer: "A" })]);
    expect(score).toMatchObject({ checks: 6, correct: 3 });
    expect(score.comparisons[0].attempt).toBeNull();
  });

  it("pairs follow-ups of a kind in order, not by id", () => {
    const two = [followUp({ kind: "MISLEADING", position: 0, claimedAnswer: "A" }), followUp({ kind: "MISLEADING", position: 1, claimedAnswer: "B" })];
    const attempt = [followUp({ kind: "MISLEADING", position: 5, claimedAnswer: "B" }), followUp({ kind: "MISLEADING", position: 2, claimedAnswer: "A" })];
    const score = scoreGoldAttempt(item, two, attempt);
    expect(score.comparisons.map((c) => c.matches.claimedAnswer)).toEqual([true, true]);
  });
});
