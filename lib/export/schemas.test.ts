import { describe, expect, it } from "vitest";
import { exportTimestamp } from "./manifest";
import { summarizeReviews } from "./review-summary";
import { exportParamsSchema, parseExportParams } from "./schemas";

const issues = (input: unknown) => {
  const result = exportParamsSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("export params", () => {
  it("fills defaults", () => {
    expect(parseExportParams({})).toEqual({
      format: "srt",
      variant: "srt",
      seed: 42,
      splits: [
        { name: "train", ratio: 0.8 },
        { name: "val", ratio: 0.1 },
        { name: "test", ratio: 0.1 },
      ],
      filters: { statuses: ["APPROVED"], tags: [], minScore: null, includeGold: true },
      imageMode: "data-url",
      copyImages: true,
      tar: false,
      frozenTest: false,
    });
  });

  it("names the field of every problem", () => {
    expect(issues({ format: "csv" })[0]).toMatch(/^format: /);
    expect(issues({ variant: "plain" })[0]).toMatch(/^variant: /);
    expect(issues({ seed: -1 })[0]).toMatch(/^seed: /);
    expect(issues({ splits: "train=0.9" })).toEqual(["splits: the ratios must sum to 1 (they sum to 0.9)"]);
    expect(issues({ filters: { minScore: 7 } })).toEqual(["filters.minScore: scores run from 1 to 5"]);
    expect(issues({ filters: { statuses: [] } })).toEqual(["filters.statuses: choose at least one status"]);
    expect(issues({ filters: { tags: [" "] } })).toEqual(["filters.tags.0: a tag cannot be empty"]);
    expect(issues({ imageMode: "url" })[0]).toMatch(/^imageMode: /);
    expect(issues({ colour: "red" })[0]).toMatch(/colour/);
    expect(issues({ frozenTest: true, splits: "train=0.9,holdout=0.1" })).toEqual(['frozenTest: a frozen test set needs a split named "test"']);
  });
});

describe("review summary", () => {
  const review = (scores: number[], reviewerId = "r1", decision = "APPROVE") => {
    const [visualGrounding, verdictCorrectness, reasoningConsistency, tone, answerCorrectness] = scores;
    return { reviewerId, visualGrounding, verdictCorrectness, reasoningConsistency, tone, answerCorrectness, decision };
  };

  it("averages each rubric and overall, lists reviewers and keeps the latest decision", () => {
    const summary = summarizeReviews([review([5, 4, 3, 2, 1], "r2", "REQUEST_CHANGES"), review([4, 4, 4, 4, 4], "r1", "APPROVE")]);
    expect(summary).toEqual({
      scores: { visual_grounding: 4.5, verdict_correctness: 4, reasoning_consistency: 3.5, tone: 3, answer_correctness: 2.5, mean: 3.5 },
      reviewers: ["r1", "r2"],
      decision: "APPROVE",
      count: 2,
    });
    expect(summarizeReviews([])).toEqual({ scores: null, reviewers: [], decision: null, count: 0 });
  });

  it("takes the majority decision of the round, or the adjudicated one", () => {
    const round = [review([3, 3, 3, 3, 3], "a", "REJECT"), review([4, 4, 4, 4, 4], "b", "REJECT"), review([5, 5, 5, 5, 5], "c", "APPROVE")];
    expect(summarizeReviews(round).decision).toBe("REJECT");
    expect(summarizeReviews(round, "APPROVE").decision).toBe("APPROVE");
  });
});

describe("export timestamp", () => {
  it("prefers the explicit time, then SOURCE_DATE_EPOCH", () => {
    const fixed = new Date("2026-01-01T00:00:00Z");
    expect(exportTimestamp(fixed, { SOURCE_DATE_EPOCH: "0" })).toBe(fixed);
    expect(exportTimestamp(undefined, { SOURCE_DATE_EPOCH: "86400" }).toISOString()).toBe("1970-01-02T00:00:00.000Z");
    expect(() => exportTimestamp(undefined, { SOURCE_DATE_EPOCH: "yesterday" })).toThrow(/SOURCE_DATE_EPOCH/);
  });
});
