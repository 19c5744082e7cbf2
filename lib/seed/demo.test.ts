import { describe, expect, it } from "vitest";
import { lintItem } from "../lints/item-rules";
import { DEMO_SCENES, demoItem } from "./demo";

describe("demo items", () => {
  it("are all free of lint errors and warnings, so the demo shows what good data looks like", () => {
    for (let i = 0; i < DEMO_SCENES; i++) {
      const { seed } = demoItem(i);
      const issues = lintItem({ ...seed, followUps: seed.followUps.map((f) => ({ ...f, inFirstTurn: false })) }, { misleadingPerItem: 1, correctivePerItem: 1 });
      expect(issues, `scene ${i}: ${seed.question}`).toEqual([]);
    }
  });
});
