// The fast serializer must write exactly what JSON.stringify writes for the canonical record.
import { describe, expect, it } from "vitest";
import { buildSrtRecord, type RecordSource } from "./record";
import { srtRecordSerializer } from "./record-json";
import { summarizeReviews } from "./review-summary";
import { EXPORT_VARIANTS } from "./schemas";
import { DEFAULT_RESPONSE_TEMPLATE } from "../projects/settings";

// Text that JSON must escape or that trims differently: quotes, backslashes, control characters,
// line separators, a lone surrogate, emoji, leading and trailing blanks.
const AWKWARD = ['"quoted" \\ back', "tab\there\nnew line\r\u0000\u001f", "\u2028\u2029 separators", "lone \ud800 surrogate", "émoji 🐈 ok", "  padded  ", ""];

function sources(): RecordSource[] {
  const out: RecordSource[] = [];
  const reviews = [
    summarizeReviews([]),
    summarizeReviews([
      { reviewerId: "r2", visualGrounding: 5, verdictCorrectness: 4, reasoningConsistency: 3, tone: 5, answerCorrectness: 4, decision: "APPROVE" },
      { reviewerId: "r1", visualGrounding: 2, verdictCorrectness: 4, reasoningConsistency: 5, tone: 1, answerCorrectness: 3, decision: "REJECT" },
    ]),
    summarizeReviews([], null),
  ];
  AWKWARD.forEach((text, i) => {
    const item = {
      id: `item-${i}${text}`,
      assetId: `asset-${i}`,
      question: `${text}What is it?`,
      answerType: i % 2 === 0 ? "MULTIPLE_CHOICE" : "SHORT_ANSWER",
      options: i % 2 === 0 ? [text, ` option ${i} `] : [],
      groundTruth: text || "A",
      caption: `${text} caption`,
      isGold: i % 3 === 0,
      tags: i % 2 === 0 ? [] : [text, "street"],
    };
    const asset = { sha256: String(i).repeat(64).slice(0, 64), mime: i % 2 === 0 ? "image/png" : "image/jpeg", source: text, license: "CC-BY-4.0", attribution: text };
    const review = reviews[i % reviews.length];
    for (let k = 0; k < 5; k++) {
      out.push({
        item,
        asset,
        review,
        followUp: {
          id: `fu-${i}-${k}${text}`,
          kind: k % 2 === 0 ? "MISLEADING" : "CORRECTIVE",
          // One-round injections (two turns, no initial answer) between ordinary follow-ups of the same item.
          inFirstTurn: k === 1 || k === 4,
          initialAnswer: ` ${text} initial `,
          userMessage: `${text}\nAre you sure? `,
          claimedAnswer: text,
          tactic: k === 2 ? "" : "CONFIDENCE",
          verdict: k === 2 ? null : k % 2 === 0 ? "MISLEADING" : "CORRECTIVE",
          evidence: `  ${text} evidence`,
          response: `${text} response `,
          finalAnswer: ` ${text}`,
          authorId: k === 1 ? null : `author ${text}`,
          createdAt: new Date(Date.UTC(2026, 0, 1 + i, k)),
          updatedAt: new Date(Date.UTC(2026, 1, 1 + i, k, 30)),
        },
      });
    }
  });
  return out;
}

describe("srtRecordSerializer", () => {
  const templates = [DEFAULT_RESPONSE_TEMPLATE, '{verdict} "{evidence}" \\ {response} → {finalAnswer} {unknown}', ""];
  it.each(EXPORT_VARIANTS)("writes exactly JSON.stringify(buildSrtRecord()) in the %s variant", (variant) => {
    for (const responseTemplate of templates) {
      const serialize = srtRecordSerializer({ variant, responseTemplate });
      for (const source of sources()) {
        for (const split of ["train", "test", 'odd "split"']) {
          // The same item twice in a row and then another split: the per-item text is reused and renewed.
          expect(serialize(source, split)).toBe(JSON.stringify(buildSrtRecord(source, { split, variant, responseTemplate })));
        }
      }
    }
  });

  it("renews the shared text when the next record's item differs, even with an equal id", () => {
    const [a] = sources();
    const serialize = srtRecordSerializer({ variant: "srt", responseTemplate: DEFAULT_RESPONSE_TEMPLATE });
    serialize(a, "train");
    const changed: RecordSource = { ...a, item: { ...a.item, question: "Another question?" } };
    expect(serialize(changed, "train")).toContain('"question":"Another question?"');
  });
});
