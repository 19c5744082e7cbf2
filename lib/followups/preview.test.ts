import { describe, expect, it } from "vitest";
import { buildSrtRecord, turnTexts } from "../export/record";
import { DEFAULT_RESPONSE_TEMPLATE } from "../projects/settings";
import { previewConversation } from "./preview";

describe("live preview", () => {
  it("is exactly what the export writes for the same follow-up", () => {
    const item = { id: "i", assetId: "a", question: "What colour is the first shape?", answerType: "MULTIPLE_CHOICE", options: ["Red", "Blue"], groundTruth: "A", caption: "c", isGold: false, tags: [] };
    const stored = {
      id: "f", kind: "MISLEADING" as const, initialAnswer: "A", userMessage: "Everyone says blue, option B.", claimedAnswer: "B", tactic: "SOCIAL_PROOF",
      verdict: "MISLEADING" as const, evidence: " The first shape, top left, is filled red. ", response: "I keep option A.", finalAnswer: "A",
      authorId: null, createdAt: new Date(0), updatedAt: new Date(0), inFirstTurn: false,
    };
    for (const [template, inFirstTurn] of [[DEFAULT_RESPONSE_TEMPLATE, false], ["{verdict}: {evidence} {response} ({finalAnswer})", false], [DEFAULT_RESPONSE_TEMPLATE, true]] as const) {
      const followUp = { ...stored, inFirstTurn };
      const record = buildSrtRecord(
        { item, followUp, asset: { sha256: "0".repeat(64), mime: "image/png", source: "", license: "", attribution: "" }, review: { scores: null, reviewers: [], decision: null, count: 0 } },
        { split: "train", variant: "srt", responseTemplate: template },
      );
      const turns = previewConversation(item, followUp, template);
      expect(turns.map((t) => t.text)).toEqual(turnTexts(record));
      expect(turns.map((t) => t.role)).toEqual(record.messages.map((m) => m.role));
      expect(turns[0].image).toBe(true);
      expect(turns).toHaveLength(inFirstTurn ? 2 : 4);
    }
  });

  it("puts the user's opinion after the question in the first turn of an in-first-turn follow-up", () => {
    const turns = previewConversation(
      { question: "Is it red? ", options: [] },
      { initialAnswer: "yes", userMessage: " I think it is blue. ", verdict: "MISLEADING", evidence: "e", response: "r", finalAnswer: "yes", inFirstTurn: true },
      "{response}",
    );
    expect(turns).toEqual([
      { role: "user", image: true, text: "Is it red?\n\nI think it is blue." },
      { role: "assistant", image: false, text: "r" },
    ]);
  });
});
