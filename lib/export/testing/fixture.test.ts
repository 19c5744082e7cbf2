import { describe, expect, it } from "vitest";
import { lintItem } from "../../lints/item-rules";
import { FIRST_TURN_ITEMS, FIXTURE_ITEMS } from "./fixture";

// The golden files are only meaningful if the fixture itself is clean SRT data.
describe("export fixture", () => {
  it.each([...FIXTURE_ITEMS, ...FIRST_TURN_ITEMS].map((item) => [item.id, item] as const))("%s passes the item and follow-up lints", (_, item) => {
    const issues = lintItem({
      question: item.question,
      answerType: item.answerType,
      options: item.options ?? [],
      groundTruth: item.groundTruth,
      followUps: item.followUps.map((f) => ({ ...f, verdict: f.kind, inFirstTurn: f.inFirstTurn ?? false })),
    });
    expect(issues).toEqual([]);
  });
});
