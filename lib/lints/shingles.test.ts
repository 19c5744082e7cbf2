import { describe, expect, it } from "vitest";
import { containment, estimateJaccard, fnv1a, isNearCopy, jaccard, minHash, shingles, textSimilarity } from "./shingles";

describe("shingles", () => {
  it("makes normalised word 3-grams", () => {
    expect([...shingles("The cat, THE hat!  the bat")]).toEqual(["the cat the", "cat the hat", "the hat the", "hat the bat"]);
  });
  it("makes one shingle of a short text and none of an empty one", () => {
    expect([...shingles("Two cats")]).toEqual(["two cats"]);
    expect(shingles("  ?! ").size).toBe(0);
  });
});

describe("similarity", () => {
  it("jaccard and containment", () => {
    const a = new Set(["x", "y"]);
    const b = new Set(["y", "z", "w"]);
    expect(jaccard(a, b)).toBeCloseTo(1 / 4);
    expect(containment(a, b)).toBeCloseTo(1 / 2);
    expect(jaccard(new Set(), new Set())).toBe(0);
  });
  it("identical texts up to case and punctuation are 1", () => {
    expect(textSimilarity("Are you SURE it's a cat?", "are you sure it s a cat")).toBe(1);
  });
  it("isNearCopy catches one-word edits and lifted fragments but not different texts", () => {
    expect(isNearCopy("I am quite sure there are four cats on that sofa", "I'm quite sure there are four cats on that sofa.")).toBe(true);
    expect(isNearCopy("there are four cats on that sofa", "Honestly, I'm quite sure there are four cats on that sofa.")).toBe(true);
    expect(isNearCopy("A grey cat sits on the left cushion and two tabbies on the right.", "How many cats are on the sofa?")).toBe(false);
  });
});

describe("minHash", () => {
  it("is deterministic and estimates Jaccard", () => {
    expect(fnv1a("abc")).toBe(fnv1a("abc"));
    expect(fnv1a("abc")).not.toBe(fnv1a("abd"));
    const words = Array.from({ length: 60 }, (_, i) => `w${i}`);
    const a = shingles(words.join(" "));
    const b = shingles(words.slice(0, 50).join(" ") + " " + Array.from({ length: 10 }, (_, i) => `v${i}`).join(" "));
    const estimate = estimateJaccard(minHash(a, 128), minHash(b, 128));
    expect(Math.abs(estimate - jaccard(a, b))).toBeLessThan(0.15);
    expect(estimateJaccard(minHash(a), minHash(a))).toBe(1);
  });
});
