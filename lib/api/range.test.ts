import { describe, expect, it } from "vitest";
import { contentRange, parseByteRange } from "./range";

describe("parseByteRange", () => {
  it("reads one range: first-last, first- and the last n bytes, clamped to the body", () => {
    expect(parseByteRange("bytes=0-99", 1000)).toEqual({ start: 0, end: 99 });
    expect(parseByteRange("bytes=500-", 1000)).toEqual({ start: 500, end: 999 });
    expect(parseByteRange("bytes=-100", 1000)).toEqual({ start: 900, end: 999 });
    expect(parseByteRange("bytes=-5000", 1000)).toEqual({ start: 0, end: 999 });
    expect(parseByteRange("bytes=990-5000", 1000)).toEqual({ start: 990, end: 999 });
  });

  it("answers the whole body for what it need not serve: none, several ranges, other units, malformed", () => {
    for (const header of [null, undefined, "", "bytes=", "bytes=-", "bytes=0-1,5-9", "items=0-1", "bytes=9-1", "bytes=a-b", "bytes 0-1"]) {
      expect(parseByteRange(header, 1000), String(header)).toBeNull();
    }
  });

  it("refuses ranges past the end (416)", () => {
    expect(parseByteRange("bytes=1000-", 1000)).toBe("unsatisfiable");
    expect(parseByteRange("bytes=-0", 1000)).toBe("unsatisfiable");
    expect(parseByteRange("bytes=0-", 0)).toBe("unsatisfiable");
  });

  it("writes Content-Range for 206 and 416", () => {
    expect(contentRange({ start: 0, end: 99 }, 1000)).toBe("bytes 0-99/1000");
    expect(contentRange(null, 1000)).toBe("bytes */1000");
  });
});
