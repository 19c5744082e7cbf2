import { describe, expect, it } from "vitest";
import { assertStorageKey, displayKey, InvalidStorageKey, isStorageKey, originalKey, thumbnailKey } from "./keys";

const sha = "a".repeat(64);

describe("storage keys", () => {
  it("builds the three content-addressed keys", () => {
    expect(originalKey(sha)).toBe(`originals/${sha}`);
    expect(displayKey(sha)).toBe(`display/${sha}.webp`);
    expect(thumbnailKey(sha)).toBe(`thumbs/${sha}.webp`);
    for (const key of [originalKey(sha), displayKey(sha), thumbnailKey(sha)]) expect(assertStorageKey(key)).toBe(key);
  });

  it("refuses anything else, including traversal and look-alikes", () => {
    const bad = [
      "",
      "../etc/passwd",
      `originals/../../${sha}`,
      `/originals/${sha}`,
      `originals/${sha}/`,
      `originals/${sha}\n`,
      `originals/${sha}\0`,
      `originals/${sha.toUpperCase()}`,
      `originals/${sha.slice(1)}`,
      `originals/${sha}.webp`,
      `display/${sha}`,
      `display/${sha}.png`,
      `thumbs\\${sha}.webp`,
      `exports/${sha}`,
      `originals/${sha}originals/${sha}`,
    ];
    for (const key of bad) {
      expect(isStorageKey(key), key).toBe(false);
      expect(() => assertStorageKey(key)).toThrow(InvalidStorageKey);
    }
  });

  it("refuses to build keys from things that are not sha256", () => {
    expect(() => originalKey("../../x")).toThrow(/not a sha256/);
    expect(() => thumbnailKey(sha + "0")).toThrow(InvalidStorageKey);
  });
});
