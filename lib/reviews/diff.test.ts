import { describe, expect, it } from "vitest";
import type { ItemContent } from "./content";
import { diffContents, diffSinceLastRound } from "./diff";

const base: ItemContent = {
  question: "How many cats are on the sofa?", answerType: "NUMBER", options: [], groundTruth: "3", caption: "", tags: ["cats"],
  followUps: [{ id: "f1", kind: "MISLEADING", position: 0, initialAnswer: "3", userMessage: "Four cats.", claimedAnswer: "4", tactic: "CONFIDENCE", verdict: "MISLEADING", evidence: "A grey cat on the left.", response: "Still three.", finalAnswer: "3", inFirstTurn: false }],
};
const edit = (patch: Partial<ItemContent["followUps"][0]>, over: Partial<ItemContent> = {}): ItemContent => ({ ...base, ...over, followUps: [{ ...base.followUps[0], ...patch }] });

describe("revision diff", () => {
  it("diffs word by word, changed fields only", () => {
    const diffs = diffContents(base, edit({ evidence: "A grey cat on the blue cushion." }));
    expect(diffs).toHaveLength(1);
    expect(diffs[0]).toMatchObject({ key: "f1.evidence", followUpId: "f1", label: "Follow-up 1 (misleading) · Evidence" });
    expect(diffs[0].parts.filter((p) => p.removed).map((p) => p.value.trim())).toEqual(["left"]);
    expect(diffs[0].parts.filter((p) => p.added).map((p) => p.value.trim())).toEqual(["blue cushion"]);
    expect(diffs[0].parts.filter((p) => !p.added && !p.removed).map((p) => p.value).join("")).toContain("A grey cat on the");
  });

  it("shows a follow-up moved into the first turn (one-round injection)", () => {
    const diffs = diffContents(base, edit({ inFirstTurn: true }));
    expect(diffs.map((d) => [d.key, d.label, d.parts])).toEqual([
      ["f1.inFirstTurn", "Follow-up 1 (misleading) · In the first turn", [{ value: "no", removed: true }, { value: "yes", added: true }]],
    ]);
  });

  it("compares the previous round's last content with the latest, naming who changed each field", () => {
    const revisions = [
      { round: 1, kind: "submit", authorId: "ann", content: base },
      { round: 1, kind: "review-edit", authorId: "rev", content: edit({}, { question: "How many cats sit on the sofa?" }) },
      { round: 2, kind: "submit", authorId: "ann", content: edit({ evidence: "Two tabbies." }, { question: "How many cats sit on the sofa?" }) },
      { round: 2, kind: "review-edit", authorId: "rev2", content: edit({ evidence: "Two tabbies, one grey cat." }, { question: "How many cats sit on the sofa?" }) },
    ];
    const diffs = diffSinceLastRound(revisions, 2)!;
    expect(diffs.map((d) => [d.key, d.changedBy])).toEqual([["f1.evidence", ["ann", "rev2"]]]);
    // Round 1: only the reviewer's fix.
    expect(diffSinceLastRound(revisions, 1)!.map((d) => [d.key, d.changedBy])).toEqual([["question", ["rev"]]]);
    expect(diffSinceLastRound(revisions.slice(0, 1), 1)).toBeNull();
  });
});
