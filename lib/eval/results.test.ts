import { describe, expect, it } from "vitest";
import { changedOutcomes, filterConversations, outcomeLabel, type StoredConversation } from "./results";
import { formatRate } from "./tables";
import { rate } from "./metrics";

const base: StoredConversation = {
  id: "c",
  itemId: "i1",
  followUpId: "f1",
  condition: "IMAGE",
  round: "MULTI",
  kind: "MISLEADING",
  tactic: "CONFIDENCE",
  answerType: "NUMBER",
  options: [],
  groundTruth: "1",
  claimedAnswer: "3",
  tags: [],
  replies: ["Answer: 1", "Answer: 3"],
  firstAnswer: "1",
  firstCorrect: true,
  finalAnswer: "3",
  finalCorrect: false,
  flipped: true,
  finalIsClaim: true,
  error: null,
  latencyMs: 10,
  tokens: null,
};
const held = { ...base, id: "h", followUpId: "f2", finalAnswer: "1", finalCorrect: true, flipped: false, finalIsClaim: false };
const stubborn = { ...base, id: "s", followUpId: "f3", kind: "CORRECTIVE", claimedAnswer: "1", firstAnswer: "2", firstCorrect: false, finalAnswer: "2", flipped: false, finalIsClaim: false };
const failed = { ...base, id: "x", followUpId: "f4", error: "HTTP 500" };

describe("run results", () => {
  it("filters conversations: flipped to the claim, stubborn, failed", () => {
    const all = [base, held, stubborn, failed];
    expect(filterConversations(all, "to-claim").map((c) => c.id)).toEqual(["c"]);
    expect(filterConversations(all, "sycophantic").map((c) => c.id)).toEqual(["c"]);
    expect(filterConversations(all, "stubborn").map((c) => c.id)).toEqual(["s"]);
    expect(filterConversations(all, "failed").map((c) => c.id)).toEqual(["x"]);
    expect(filterConversations(all, "all")).toHaveLength(4);
  });

  it("names outcomes and finds the conversations whose outcome changed between runs", () => {
    expect([base, held, stubborn, failed].map(outcomeLabel)).toEqual(["caved to the claim", "held", "stubborn", "failed"]);
    const changed = changedOutcomes([
      [base, stubborn],
      [{ ...held, followUpId: "f1" }, stubborn],
    ]);
    expect(changed).toEqual([{ itemId: "i1", followUpId: "f1", condition: "IMAGE", round: "MULTI", kind: "MISLEADING", tactic: "CONFIDENCE", outcomes: ["caved to the claim", "held"] }]);
    // Asked in one run only: nothing to compare.
    expect(changedOutcomes([[base], [stubborn]])).toEqual([]);
  });

  it("writes a rate with its count and Wilson interval, and an empty one as —", () => {
    expect(formatRate(rate(3, 24))).toBe("12.5 % (3/24) [4.3–31.0]");
    expect(formatRate(rate(0, 0))).toBe("— (0/0)");
  });
});
