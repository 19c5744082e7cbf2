import { describe, expect, it } from "vitest";
import { nearDuplicateClusters } from "./clusters";
import { hammingDistance } from "./phash";
import { PhashIndex } from "./phash-index";
import { rng } from "./test-images";

function randomHash(random: () => number): string {
  return Array.from({ length: 16 }, () => Math.floor(random() * 16).toString(16)).join("");
}

/** The hash with `bits` distinct bits flipped. */
function flip(hash: string, bits: number, random: () => number): string {
  const words = [parseInt(hash.slice(0, 8), 16), parseInt(hash.slice(8), 16)];
  const chosen = new Set<number>();
  while (chosen.size < bits) chosen.add(Math.floor(random() * 64));
  for (const bit of chosen) words[bit >> 5] ^= 1 << (bit & 31);
  return words.map((w) => (w >>> 0).toString(16).padStart(8, "0")).join("");
}

describe("PhashIndex", () => {
  it("finds exactly the hashes within the threshold (checked against brute force)", () => {
    for (const threshold of [0, 3, 10, 15, 16, 24]) {
      const random = rng(threshold + 1);
      const index = new PhashIndex(threshold);
      const hashes: string[] = [];
      for (let i = 0; i < 400; i++) {
        // Half are variations of earlier hashes, so there is something to find.
        const hash = i > 0 && random() < 0.5 ? flip(hashes[Math.floor(random() * i)], Math.floor(random() * (threshold + 4)), random) : randomHash(random);
        hashes.push(hash);
        index.add(`a${i}`, hash);
      }
      for (let q = 0; q < 60; q++) {
        const probe = flip(hashes[Math.floor(random() * hashes.length)], Math.floor(random() * (threshold + 2)), random);
        const expected = hashes.map((h, i) => ({ id: `a${i}`, distance: hammingDistance(h, probe) })).filter((m) => m.distance <= threshold);
        const got = index.query(probe);
        expect(got.map((m) => m.id).sort()).toEqual(expected.map((m) => m.id).sort());
        expect(got.map((m) => m.distance)).toEqual([...got.map((m) => m.distance)].sort((a, b) => a - b));
      }
    }
  });

  it("compares a query with a small fraction of 50k entries, not all of them", () => {
    const random = rng(7);
    const index = new PhashIndex<number>(10);
    const hashes = Array.from({ length: 50_000 }, () => randomHash(random));
    hashes.forEach((h, i) => index.add(i, h));
    for (let q = 0; q < 1000; q++) expect(index.query(hashes[q]).map((m) => m.id)).toContain(q);
    // Brute force would be 50 000 comparisons per query; the bands leave a few hundred.
    expect(index.comparisons / 1000).toBeLessThan(1000);
  });

  it("rejects a threshold outside 0–32", () => {
    expect(() => new PhashIndex(33)).toThrow(/0–32/);
  });
});

describe("nearDuplicateClusters", () => {
  it("links chains transitively and keeps singletons", () => {
    const a = "0000000000000000";
    const b = "000000000000003f"; // 6 bits from a
    const c = "0000000000000fff"; // 6 bits from b, 12 from a
    const far = "ffffffffffffffff";
    const clusters = nearDuplicateClusters(
      [
        { id: "far", phash: far },
        { id: "c", phash: c },
        { id: "a", phash: a },
        { id: "a-copy", phash: a },
        { id: "b", phash: b },
      ],
      6,
    );
    expect(clusters).toEqual([["far"], ["c", "a", "a-copy", "b"]]);
    expect(nearDuplicateClusters([{ id: "a", phash: a }, { id: "c", phash: c }], 6)).toEqual([["a"], ["c"]]);
  });

  it("clusters 20k assets, every asset in exactly one cluster", () => {
    const random = rng(42);
    const assets: { id: string; phash: string }[] = [];
    for (let i = 0; i < 20_000; i++) {
      const nearCopy = i > 0 && random() < 0.1;
      assets.push({ id: `a${i}`, phash: nearCopy ? flip(assets[Math.floor(random() * i)].phash, 3, random) : randomHash(random) });
    }
    const clusters = nearDuplicateClusters(assets, 10);
    expect(clusters.flat()).toHaveLength(20_000);
    expect(new Set(clusters.flat()).size).toBe(20_000);
    // ~10% are near copies; random 64-bit hashes are essentially never within 10 bits of each other.
    expect(clusters.length).toBeGreaterThan(17_600);
    expect(clusters.length).toBeLessThan(18_400);
  });
});
