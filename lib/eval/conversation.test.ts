import { describe, expect, it } from "vitest";
import { parseModelAnswer, questionPrompt } from "./conversation";

describe("parseModelAnswer", () => {
  it("reads bare answers, 'Final answer:' lines and last lines", () => {
    expect(parseModelAnswer("NUMBER", "3", [])).toBe("3");
    expect(parseModelAnswer("NUMBER", "Let me count again.\nThere are circles at the top and left.\nFinal answer: 4", [])).toBe("4");
    expect(parseModelAnswer("MULTIPLE_CHOICE", "B. cat", ["dog", "cat"])).toBe("B");
    expect(parseModelAnswer("MULTIPLE_CHOICE", "Looking closely at the picture.\n**Answer:** A", ["dog", "cat"])).toBe("A");
    expect(parseModelAnswer("YES_NO", "Yes, there is.", [])).toBe("yes");
    expect(parseModelAnswer("NUMBER", "I am not sure.", [])).toBeNull();
    expect(parseModelAnswer("SHORT_ANSWER", "Answer: square", [])).toBe("square");
    expect(parseModelAnswer("SHORT_ANSWER", "I checked the corners.\nFinal answer: **a square**", [])).toBe("square");
  });
});

describe("questionPrompt", () => {
  const item = { question: "Which animal?", answerType: "MULTIPLE_CHOICE" as const, options: ["dog", "cat"], groundTruth: "B", caption: "A cat on a mat.", tags: [] };
  it("letters the options; text-only puts the caption in place of the image", () => {
    expect(questionPrompt(item, "IMAGE")).toBe("Which animal?\nA. dog\nB. cat\n\nAnswer with the letter of the correct option.");
    expect(questionPrompt(item, "TEXT")).toMatch(/^Image description: A cat on a mat\.\n\nWhich animal\?/);
  });
});
