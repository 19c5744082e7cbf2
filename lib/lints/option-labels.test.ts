import { describe, expect, it } from "vitest";
import { optionsFromPaste, stripOptionLabels } from "./option-labels";

describe("stripOptionLabels", () => {
  it.each([
    [["A. dog", "B. cat"], ["dog", "cat"]],
    [["(A) dog", "(B) cat", "(C) a bird"], ["dog", "cat", "a bird"]],
    [["a) dog", "b) cat"], ["dog", "cat"]],
    [["A: dog", "B: cat"], ["dog", "cat"]],
    [["[A] dog", "[B] cat"], ["dog", "cat"]],
    [["  A.  dog ", "B. cat"], ["dog", "cat"]],
  ])("drops a consistent label prefix: %j", (options, expected) => {
    expect(stripOptionLabels(options)).toEqual(expected);
  });

  it.each([
    [["A. dog", "cat"]], // not every option labelled
    [["B. dog", "A. cat"]], // letters out of order
    [["A. dog", "(B) cat"]], // two styles
    [["A. dog", "b. cat"]], // mixed case
    [["A. Lincoln"]], // a single option
    [["A.", "B. cat"]], // a label without text
    [["dog", "cat"]],
    [["A dog", "B cat"]], // no punctuation: ordinary words
  ])("keeps options that are not consistently labelled: %j", (options) => {
    expect(stripOptionLabels(options)).toEqual(options);
  });
});

describe("optionsFromPaste", () => {
  it("splits lines, drops blanks and labels", () => {
    expect(optionsFromPaste("A. dog\r\n\nB. cat\n")).toEqual(["dog", "cat"]);
    expect(optionsFromPaste("red\nblue")).toEqual(["red", "blue"]);
  });
});
