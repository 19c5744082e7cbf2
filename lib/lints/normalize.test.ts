import { describe, expect, it } from "vitest";
import { answersEqual, mentionsAnswers, normalizeAnswer } from "./normalize";

const options = ["a dog", "a cat", "a horse"];

describe("multiple choice", () => {
  it.each([
    ["B", "B"],
    ["b", "B"],
    ["b)", "B"],
    ["(B)", "B"],
    ["(B) a cat", "B"],
    ["B. a cat", "B"],
    ["B: cat", "B"],
    ["option B", "B"],
    ["Option (b)", "B"],
    ["The answer is B", "B"],
    ["a cat", "B"],
    ["A cat.", "B"],
    ["CAT", "B"],
    ["A", "A"],
    ["a", "A"],
    ["a dog", "A"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeAnswer("MULTIPLE_CHOICE", input, options)).toBe(expected);
  });

  it.each([["E"], ["B. a dog"], ["a zebra"], [""], ["   "], ["B and C"]])("%s → null", (input) => {
    expect(normalizeAnswer("MULTIPLE_CHOICE", input, options)).toBeNull();
  });

  it("reads option text that contains a letter as that option", () => {
    const vitamins = ["Vitamin A", "Vitamin B", "Vitamin C"];
    expect(normalizeAnswer("MULTIPLE_CHOICE", "Vitamin B", vitamins)).toBe("B");
    expect(normalizeAnswer("MULTIPLE_CHOICE", "vitamin c", vitamins)).toBe("C");
    expect(normalizeAnswer("MULTIPLE_CHOICE", "A", vitamins)).toBe("A");
  });

  it("reads a bare letter as a label even when an option's text is a letter", () => {
    expect(normalizeAnswer("MULTIPLE_CHOICE", "B", ["B", "A"])).toBe("B");
    expect(normalizeAnswer("MULTIPLE_CHOICE", "B) A", ["B", "A"])).toBe("B");
  });

  it("returns null for every answer when the item has no options", () => {
    expect(normalizeAnswer("MULTIPLE_CHOICE", "A", [])).toBeNull();
    expect(normalizeAnswer("MULTIPLE_CHOICE", "a cat", [])).toBeNull();
  });

  it("skips empty options when matching text", () => {
    expect(normalizeAnswer("MULTIPLE_CHOICE", "cat", ["", "cat"])).toBe("B");
  });
});

describe("yes / no", () => {
  it.each([
    ["yes", "yes"], ["Yes.", "yes"], ["YEAH", "yes"], ["yep", "yes"], ["true", "yes"], ["correct", "yes"],
    ["yes, it is", "yes"], ["no", "no"], ["No.", "no"], ["nope", "no"], ["false", "no"], ["incorrect", "no"],
    ["no, it isn't", "no"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeAnswer("YES_NO", input, [])).toBe(expected);
  });

  it.each([["none"], ["nothing"], ["maybe"], [""], ["It is"], ["know"], ["yesterday"]])('%s → null ("no" inside a word does not count)', (input) => {
    expect(normalizeAnswer("YES_NO", input, [])).toBeNull();
  });
});

describe("numbers", () => {
  it("uses the number parser", () => {
    expect(normalizeAnswer("NUMBER", "twenty-one", [])).toBe("21");
    expect(normalizeAnswer("NUMBER", "lots", [])).toBeNull();
  });
});

describe("short answers", () => {
  it.each([
    ["The Llama.", "llama"],
    ["  a   red   Car ", "red car"],
    ["Café", "cafe"],
    ["hot-dog!", "hot dog"],
    ["An apple", "apple"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeAnswer("SHORT_ANSWER", input, [])).toBe(expected);
  });
  it("an answer of only articles or punctuation is unreadable", () => {
    expect(normalizeAnswer("SHORT_ANSWER", "the.", [])).toBeNull();
    expect(normalizeAnswer("SHORT_ANSWER", "?!", [])).toBeNull();
  });
});

describe("answersEqual", () => {
  it("compares normalised answers", () => {
    expect(answersEqual("NUMBER", "one", "1", [])).toBe(true);
    expect(answersEqual("NUMBER", "3.0", "03", [])).toBe(true);
    expect(answersEqual("NUMBER", "-3", "3", [])).toBe(false);
    expect(answersEqual("SHORT_ANSWER", "The Llama.", "llama", [])).toBe(true);
    expect(answersEqual("YES_NO", "yeah", "true", [])).toBe(true);
    expect(answersEqual("MULTIPLE_CHOICE", "(B) a cat", "cat", options)).toBe(true);
  });
  it("two unreadable answers are not equal", () => {
    expect(answersEqual("NUMBER", "lots", "lots", [])).toBe(false);
  });
});

describe("mentionsAnswers", () => {
  it("finds numbers as digits or words", () => {
    expect(mentionsAnswers("NUMBER", "I count three cats, not 4.", "3", "4", [])).toEqual([true, true]);
  });
  it("masks a longer answer that contains the shorter", () => {
    expect(mentionsAnswers("SHORT_ANSWER", "It is dark red.", "red", "dark red", [])).toEqual([false, true]);
    expect(mentionsAnswers("SHORT_ANSWER", "It is red, not dark red.", "red", "dark red", [])).toEqual([true, true]);
  });
  it("finds options by label or text", () => {
    expect(mentionsAnswers("MULTIPLE_CHOICE", "So the answer is option B.", "B", "A", options)).toEqual([true, false]);
    expect(mentionsAnswers("MULTIPLE_CHOICE", "It is clearly a dog.", "B", "A", options)).toEqual([false, true]);
  });
  it("finds yes/no words only as whole words", () => {
    expect(mentionsAnswers("YES_NO", "None of them, no.", "no", "yes", [])).toEqual([true, false]);
    expect(mentionsAnswers("YES_NO", "None of them.", "no", "yes", [])).toEqual([false, false]);
  });
});
