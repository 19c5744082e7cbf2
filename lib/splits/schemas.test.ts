import { describe, expect, it } from "vitest";
import { formatSplits, splitsSchema } from "./schemas";

const messages = (value: unknown) => {
  const result = splitsSchema.safeParse(value);
  return result.success ? [] : result.error.issues.map((i) => i.message);
};

describe("splitsSchema", () => {
  it("parses the spec form in order", () => {
    expect(splitsSchema.parse("train=0.8, val=0.1,test=0.1")).toEqual([
      { name: "train", ratio: 0.8 },
      { name: "val", ratio: 0.1 },
      { name: "test", ratio: 0.1 },
    ]);
    expect(formatSplits(splitsSchema.parse("a=0.5,b=0.5"))).toBe("a=0.5,b=0.5");
  });

  it("accepts ratios that sum to 1 up to rounding", () => {
    expect(splitsSchema.parse("a=0.333333,b=0.333333,c=0.333334")).toHaveLength(3);
  });

  it("names the bad part", () => {
    expect(messages("train=0.8,val")).toEqual(['"val" is not name=ratio (write e.g. train=0.8,val=0.1,test=0.1)']);
    expect(messages("train=0.8,val=x")).toEqual(['"val=x": the ratio "x" is not a number']);
    expect(messages("train=0.8,val=0.1")).toEqual(["the ratios must sum to 1 (they sum to 0.9)"]);
    expect(messages("train=0.5,train=0.5")).toEqual(['the split "train" is named twice']);
    expect(messages("Train=1")[0]).toMatch(/lower case/);
    expect(messages("train=1.5,val=-0.5")[0]).toMatch(/between 0 and 1/);
    expect(messages([])).toEqual(["give at least one split"]);
  });

  it("accepts the array form and reports paths", () => {
    expect(splitsSchema.parse([{ name: "all", ratio: 1 }])).toEqual([{ name: "all", ratio: 1 }]);
    const result = splitsSchema.safeParse([{ name: "a", ratio: "1" }]);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual([0, "ratio"]);
  });
});
