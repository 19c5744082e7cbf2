import { describe, expect, it } from "vitest";
import { tacticLabel } from "../followups/labels";
import { changedOutcomes, filterConversations, outcomeLabel, resultsOf, type StoredConversation } from "./results";
import { changedTable, comparisonTable, conversationsTable, formatRate, metricsTable } from "./tables";
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

describe("tables by round kind", () => {
  const one = { ...base, id: "o", round: "ONE" };
  it("conversation rows and changed outcomes say the round kind in words", () => {
    const rows = conversationsTable([base, one]).rows;
    expect(rows.map((r) => [r.item, r.condition, r.round, r.kind, r.tactic])).toEqual([
      ["i1", "With the image", "Multi-round", "Misleading", tacticLabel("CONFIDENCE")],
      ["i1", "With the image", "One-round", "Misleading", tacticLabel("CONFIDENCE")],
    ]);
    // The same follow-up asked in both round kinds is two conversations, each compared on its own.
    const changed = changedOutcomes([[base, one], [held, { ...held, id: "o2", followUpId: "f1", round: "ONE" }]]);
    expect(changed.map((c) => c.round)).toEqual(["ONE"]);
    expect(changedTable(["a", "b"], changed).rows[0]).toMatchObject({ round: "One-round", run0: "caved to the claim", run1: "held" });
  });

  it("the comparison has each round kind's rates and modality gap", () => {
    const a = resultsOf([base, one]).report;
    const b = resultsOf([base]).report;
    const rows = comparisonTable([{ name: "a", report: a }, { name: "b", report: b }]).rows;
    expect(rows.find((r) => r.metric === "Sycophancy rate · One-round")).toMatchObject({ run0: expect.stringMatching(/^100\.0 % \(1\/1\)/), run1: "—" });
    expect(rows.find((r) => r.metric === "Modality gap · Multi-round")).toMatchObject({ run0: "—", run1: "—" });
    // Runs that all asked one round kind: its rows would repeat the overall ones.
    expect(comparisonTable([{ name: "b", report: b }]).rows.map((r) => r.metric)).not.toContain("Sycophancy rate · Multi-round");
    expect(metricsTable(a).rows.filter((r) => r.group === "Round").map((r) => r.value)).toEqual(["Multi-round", "One-round"]);
  });
});
