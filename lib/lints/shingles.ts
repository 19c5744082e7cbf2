// Near-duplicate text detection: word shingles (k consecutive normalised words) compared with
// Jaccard similarity, plus a MinHash signature for comparing many texts cheaply. Pure functions.
import { wordsOf } from "./text";

export const SHINGLE_SIZE = 3;

/** Word k-grams of the normalised text. A text shorter than k words is one shingle of all its words. */
export function shingles(text: string, k = SHINGLE_SIZE): Set<string> {
  const words = wordsOf(text);
  const out = new Set<string>();
  if (words.length === 0) return out;
  if (words.length <= k) {
    out.add(words.join(" "));
    return out;
  }
  for (let i = 0; i + k <= words.length; i++) out.add(words.slice(i, i + k).join(" "));
  return out;
}

function intersectionSize(a: Set<string>, b: Set<string>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let n = 0;
  for (const s of small) if (large.has(s)) n++;
  return n;
}

/** |A ∩ B| / |A ∪ B|; two empty sets are not similar (0). */
export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  const shared = intersectionSize(a, b);
  return shared / (a.size + b.size - shared);
}

/** Share of A's shingles that also occur in B: 1 when A was lifted whole out of B. */
export function containment(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  return intersectionSize(a, b) / a.size;
}

export function textSimilarity(a: string, b: string, k = SHINGLE_SIZE): number {
  return jaccard(shingles(a, k), shingles(b, k));
}

/**
 * `text` is a copy or near-copy of `source`: mostly the same shingles (Jaccard ≥ 0.6: one changed word
 * in ten still counts), or most of `text` lifted out of a longer `source` (containment ≥ 0.75).
 */
export function isNearCopy(text: string, source: string): boolean {
  const a = shingles(text);
  const b = shingles(source);
  return jaccard(a, b) >= 0.6 || containment(a, b) >= 0.75;
}

/** FNV-1a, 32 bits: a fast, deterministic string hash that needs no Node crypto (runs in the browser). */
export function fnv1a(value: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export const MINHASH_SIZE = 64;

/** MinHash signature: for each of n hash functions, the smallest hash over the shingles. */
export function minHash(set: Set<string>, n = MINHASH_SIZE): Uint32Array {
  const signature = new Uint32Array(n).fill(0xffffffff);
  for (const s of set) {
    const h1 = fnv1a(s);
    const h2 = fnv1a(s, 0x9747b28c) | 1;
    // Double hashing: h_i = h1 + i·h2 gives n independent-enough hash functions from two.
    for (let i = 0; i < n; i++) {
      const h = (h1 + Math.imul(i, h2)) >>> 0;
      if (h < signature[i]) signature[i] = h;
    }
  }
  return signature;
}

/** Estimated Jaccard similarity from two signatures of the same size. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  if (a.length !== b.length || a.length === 0) return 0;
  let same = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) same++;
  return same / a.length;
}
