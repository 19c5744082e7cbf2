import { describe, expect, it } from "vitest";
import { formatBytes, plural, pluralWord } from ".";

describe("plural", () => {
  it("uses the singular for exactly one and the plural otherwise", () => {
    expect(plural(1, "member")).toBe("1 member");
    expect(plural(0, "member")).toBe("0 members");
    expect(plural(2, "query", "queries")).toBe("2 queries");
    expect(plural(12000, "item")).toBe("12,000 items");
    expect(pluralWord(1, "error")).toBe("error");
    expect(pluralWord(3, "error")).toBe("errors");
  });
});

describe("formatBytes", () => {
  it("picks the unit by size", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(12.3 * 1024)).toBe("12.3 KB");
    expect(formatBytes(50 * 1024 * 1024)).toBe("50.0 MB");
    expect(formatBytes(3 * 1024 ** 3)).toBe("3.0 GB");
  });
});
