import { describe, expect, it } from "vitest";
import { hammingDistance, isPhash, phashFromGrey, popcount32 } from "./phash";
import { processImage } from "./pipeline";
import { sharp } from "./sharp";
import { patternImage } from "./test-images";

const NEAR_DUPLICATE_THRESHOLD = 10; // the project default (lib/projects/settings.ts)

describe("hammingDistance", () => {
  it("counts differing bits", () => {
    expect(hammingDistance("0000000000000000", "0000000000000000")).toBe(0);
    expect(hammingDistance("0000000000000000", "ffffffffffffffff")).toBe(64);
    expect(hammingDistance("8000000000000001", "0000000000000000")).toBe(2);
    expect(hammingDistance("00000000ffff0000", "0000000000000000")).toBe(16);
    expect(popcount32(0xffffffff)).toBe(32);
  });
  it("refuses things that are not hashes", () => {
    expect(() => hammingDistance("xyz", "0000000000000000")).toThrow(/not a perceptual hash/);
    expect(isPhash("ABCDEF0123456789")).toBe(false);
    expect(isPhash("abcdef0123456789")).toBe(true);
  });
});

describe("phashFromGrey", () => {
  it("gives 16 hex digits with about half the bits set", () => {
    const pixels = Uint8Array.from({ length: 32 * 32 }, (_, i) => ((i % 32) * 8) ^ (Math.floor(i / 32) * 5));
    const hash = phashFromGrey(pixels);
    expect(hash).toMatch(/^[0-9a-f]{16}$/);
    const ones = hammingDistance(hash, "0000000000000000");
    expect(ones).toBeGreaterThan(24);
    expect(ones).toBeLessThan(40);
  });
  it("needs exactly 32×32 pixels", () => {
    expect(() => phashFromGrey(new Uint8Array(10))).toThrow(/32×32/);
  });
});

describe("perceptual hash of processed images", () => {
  it("keeps a re-encoded, resized copy within the near-duplicate threshold and a different image far", async () => {
    const original = await patternImage(1200, 900, 11).png().toBuffer();
    const copy = await sharp(original).resize(700).jpeg({ quality: 55 }).toBuffer();
    const webpCopy = await sharp(original).resize(1600).webp({ quality: 40 }).toBuffer();
    const other = await patternImage(1200, 900, 12).png().toBuffer();
    const [a, b, c, d] = await Promise.all([original, copy, webpCopy, other].map((buf) => processImage(buf, "x")));
    expect(hammingDistance(a.phash, b.phash)).toBeLessThanOrEqual(NEAR_DUPLICATE_THRESHOLD / 2);
    expect(hammingDistance(a.phash, c.phash)).toBeLessThanOrEqual(NEAR_DUPLICATE_THRESHOLD / 2);
    expect(hammingDistance(a.phash, d.phash)).toBeGreaterThan(NEAR_DUPLICATE_THRESHOLD * 2);
  });

  it("separates many different images", async () => {
    const hashes = await Promise.all(
      Array.from({ length: 12 }, async (_, seed) => (await processImage(await patternImage(320, 240, 100 + seed).png().toBuffer(), "x")).phash),
    );
    let closest = 64;
    for (let i = 0; i < hashes.length; i++) for (let j = i + 1; j < hashes.length; j++) closest = Math.min(closest, hammingDistance(hashes[i], hashes[j]));
    expect(closest).toBeGreaterThan(NEAR_DUPLICATE_THRESHOLD);
  });
});
