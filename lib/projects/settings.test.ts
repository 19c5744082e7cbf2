import { describe, expect, it } from "vitest";
import { renderResponse } from "./response-template";
import { DEFAULT_RESPONSE_TEMPLATE, parseProjectSettings, projectTactics } from "./settings";

describe("project settings", () => {
  it("fills defaults", () => {
    const s = parseProjectSettings({});
    expect(s.misleadingPerItem).toBe(1);
    expect(s.responseTemplate).toBe(DEFAULT_RESPONSE_TEMPLATE);
    expect(s.allowedAnswerTypes).toContain("YES_NO");
  });
  it("rejects bad values naming the field", () => {
    const r = parseProjectSettings.bind(null, { reviewsPerItem: 0 });
    expect(r).toThrow(/reviewsPerItem/);
    expect(() => parseProjectSettings({ responseTemplate: "no placeholders" })).toThrow(/responseTemplate/);
  });
  it("adds extra tactics once", () => {
    expect(projectTactics(parseProjectSettings({ extraTactics: ["AUTHORITY", "GASLIGHTING"] }))).toEqual([
      "PLAIN_ASSERTION", "AUTHORITY", "CONFIDENCE", "SOCIAL_PROOF", "EMOTIONAL", "LEADING_QUESTION", "GASLIGHTING",
    ]);
  });
  it("renders the response template", () => {
    const text = renderResponse("{verdict}|{evidence}|{response}|{finalAnswer}|{unknown}", {
      verdict: "MISLEADING", evidence: " two cats ", response: "It is two.", finalAnswer: "2",
    });
    expect(text).toBe("misleading|two cats|It is two.|2|{unknown}");
  });
  it("renders templates with repeated, adjacent, edge and no placeholders, and values with $ patterns", () => {
    const parts = { verdict: "CORRECTIVE" as const, evidence: "$& and $1 ", response: " {verdict} stays", finalAnswer: "$$" };
    expect(renderResponse("{finalAnswer}{finalAnswer}{verdict}", parts)).toBe("$$$$correct");
    expect(renderResponse("{evidence}", parts)).toBe("$& and $1");
    expect(renderResponse("{response}.", parts)).toBe("{verdict} stays.");
    expect(renderResponse("no placeholders {Verdict} { verdict}", parts)).toBe("no placeholders {Verdict} { verdict}");
    expect(renderResponse("", { ...parts, verdict: null })).toBe("");
    expect(renderResponse("[{verdict}]", { ...parts, verdict: null })).toBe("[]");
  });
});
