import { describe, expect, it } from "vitest";
import { nearDuplicateRoots, popcount32 } from "./near-duplicates";

/** A reproducible pseudo-random 64-bit hash (xorshift), as 16 hex digits. */
function randomHashes(count: number, seed = 1): string[] {
  let x = seed >>> 0 || 1;
  const next = () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>>= 0);
  };
  return Array.from({ length: count }, () => next().toString(16).padStart(8, "0") + next().toString(16).padStart(8, "0"));
}

function flipBits(phash: string, bits: number[]): string {
  let value = BigInt(`0x${phash}`);
  for (const b of bits) value ^= 1n << BigInt(b);
  return value.toString(16).padStart(16, "0");
}

/** Reference: all pairs, transitive closure by relabelling (bit count by string, independent of popcount32). */
function bruteRoots(hashes: string[], threshold: number): number[] {
  const words = hashes.map((h) => [parseInt(h.slice(0, 8), 16), parseInt(h.slice(8), 16)]);
  const table = Uint8Array.from({ length: 1 << 16 }, (_, v) => v.toString(2).replace(/0/g, "").length);
  const bits = (x: number) => table[x & 0xffff] + table[(x >>> 16) & 0xffff];
  const roots = hashes.map((_, i) => i);
  for (let i = 0; i < hashes.length; i++)
    for (let j = i + 1; j < hashes.length; j++) {
      if (bits(words[i][0] ^ words[j][0]) + bits(words[i][1] ^ words[j][1]) > threshold || roots[i] === roots[j]) continue;
      const [min, max] = roots[i] < roots[j] ? [roots[i], roots[j]] : [roots[j], roots[i]];
      roots.forEach((r, k) => r === max && (roots[k] = min));
    }
  return roots;
}

describe("nearDuplicateRoots", () => {
  it("counts bits", () => {
    expect(popcount32(0)).toBe(0);
    expect(popcount32(0xffffffff)).toBe(32);
    expect(popcount32(0x80000001)).toBe(2);
  });

  it("links hashes within the threshold, transitively, rooted at the smallest index", () => {
    const a = "0123456789abcdef";
    const b = flipBits(a, [0, 17, 33, 60]); // 4 from a
    const c = flipBits(b, [1, 2, 3, 4, 5, 6]); // 6 from b, 10 from a
    const far = flipBits(a, Array.from({ length: 30 }, (_, i) => i * 2));
    expect(Array.from(nearDuplicateRoots([a, b, c, far], 6))).toEqual([0, 0, 0, 3]);
    expect(Array.from(nearDuplicateRoots([a, b, c, far], 3))).toEqual([0, 1, 2, 3]);
    expect(Array.from(nearDuplicateRoots([far, c, b, a], 5))).toEqual([0, 1, 2, 2]);
  });

  it("finds every pair the brute force finds, on the indexed path too (n large enough)", () => {
    const base = randomHashes(1200, 7);
    // Plant near-duplicates 1…10 bits away, spread so some differ in every block.
    const planted = base.slice(0, 200).map((h, i) => flipBits(h, Array.from({ length: 1 + (i % 10) }, (_, k) => (k * 7 + i) % 64)));
    const hashes = [...base, ...planted];
    const roots = Array.from(nearDuplicateRoots(hashes, 10));
    expect(roots).toEqual(bruteRoots(hashes, 10));
    expect(new Set(roots).size).toBeLessThan(1400);
  });

  it("rejects malformed hashes with the index", () => {
    expect(() => nearDuplicateRoots(["0123456789abcdef", "xyz"], 4)).toThrow(/asset 1/);
  });
});
