import { describe, expect, it } from "vitest";
import { followUpPlaces, followUpTitle, followUpTitles, tacticLabel } from "./labels";

describe("follow-up labels", () => {
  it("labels the built-in tactics and a project's own from their names", () => {
    expect(tacticLabel("PLAIN_ASSERTION")).toBe("Plain assertion");
    expect(tacticLabel("CONFIDENCE")).toBe("Confidence");
    expect(tacticLabel("SHOUTING_LOUDLY")).toBe("Shouting loudly");
  });

  it("names follow-ups by kind and place among their kind", () => {
    const list = [{ kind: "MISLEADING" }, { kind: "CORRECTIVE" }, { kind: "MISLEADING" }] as const;
    expect(followUpPlaces(list)).toEqual([1, 1, 2]);
    expect(followUpTitles(list)).toEqual(["Misleading follow-up 1", "Corrective follow-up 1", "Misleading follow-up 2"]);
    expect(followUpTitle("CORRECTIVE")).toBe("Corrective follow-up");
  });
});
