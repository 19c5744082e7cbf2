import { describe, expect, it } from "vitest";
import { canonicalNumber, extractNumbers, parseNumber } from "./numbers";

describe("parseNumber", () => {
  it.each([
    ["3", "3"],
    ["three", "3"],
    ["3.0", "3"],
    ["03", "3"],
    ["twenty-one", "21"],
    ["twenty one", "21"],
    ["1,000", "1000"],
    ["1,234,567", "1234567"],
    ["one hundred and five", "105"],
    ["a hundred", "100"],
    ["a dozen", "12"],
    ["two thousand and twenty", "2020"],
    ["nineteen hundred", "1900"],
    ["twenty one thousand three hundred", "21300"],
    ["zero", "0"],
    ["none", "0"],
    ["0.5", "0.5"],
    [".5", "0.5"],
    ["1.50", "1.5"],
    ["-3", "-3"],
    ["−3", "-3"],
    ["minus three", "-3"],
    ["negative 2", "-2"],
    ["-0", "0"],
    ["There are 3 cats.", "3"],
    ["3.", "3"],
    ["3 (three)", "3"],
  ])("%s → %s", (input, expected) => {
    expect(parseNumber(input)).toBe(expected);
  });

  it.each([["lots"], [""], ["3 or 4"], ["one two"], ["1,2,3"], ["a cat"], ["hundred"], ["1-2"]])("%s → null", (input) => {
    expect(parseNumber(input)).toBeNull();
  });

  it('"one" and "1" are the same number', () => {
    expect(parseNumber("one")).toBe(parseNumber("1"));
  });
});

describe("extractNumbers", () => {
  it("finds every number in order and keeps ranges apart", () => {
    expect(extractNumbers("between 2 and four, maybe 1-2")).toEqual([2, 4, 1, 2]);
  });
  it('reads "a" as one only before a scale word', () => {
    expect(extractNumbers("a cat and a thousand birds")).toEqual([1000]);
  });
  it("does not read digits glued to words as signed", () => {
    expect(extractNumbers("item-3")).toEqual([3]);
  });
});

describe("canonicalNumber", () => {
  it("drops trailing zeros and negative zero", () => {
    expect(canonicalNumber(3.0)).toBe("3");
    expect(canonicalNumber(-0)).toBe("0");
  });
});
