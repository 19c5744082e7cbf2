import { describe, expect, it } from "vitest";
import { assertStorageKey, contentTypeForKey, displayKey, exportArchiveKey, InvalidStorageKey, isStorageKey, originalKey, thumbnailKey } from "./keys";

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
      "exports/.tar.gz",
      "exports/../demo.tar.gz",
      "exports/-demo.tar.gz",
      "exports/Demo-1.tar.gz",
      "exports/demo.tar.gz/",
      "exports/demo/x.tar.gz",
      `exports/${"a".repeat(162)}.tar.gz`,
      `originals/${sha}originals/${sha}`,
    ];
    for (const key of bad) {
      expect(isStorageKey(key), key).toBe(false);
      expect(() => assertStorageKey(key)).toThrow(InvalidStorageKey);
    }
  });

  it("names export archives exports/<slug>-<job id>.tar.gz, and nothing else", () => {
    const key = exportArchiveKey("demo-cmb1x2y3z0000abcd");
    expect(key).toBe("exports/demo-cmb1x2y3z0000abcd.tar.gz");
    expect(assertStorageKey(key)).toBe(key);
    expect(contentTypeForKey(key)).toBe("application/gzip");
    for (const name of ["", "../x", "a/b", "Demo", "-x", "x.tar", "a".repeat(162)]) expect(() => exportArchiveKey(name), name).toThrow(InvalidStorageKey);
  });

  it("refuses to build keys from things that are not sha256", () => {
    expect(() => originalKey("../../x")).toThrow(/not a sha256/);
    expect(() => thumbnailKey(sha + "0")).toThrow(InvalidStorageKey);
  });
});
