// Near-duplicate images: perceptual hashes within a Hamming distance are linked, and links are
// closed transitively (union-find), so a chain of small edits stays one group.
import { UnionFind } from "./union-find";

const PHASH_PATTERN = /^[0-9a-f]{16}$/;
const BLOCKS = 4; // 16-bit blocks
const BLOCK_VALUES = 1 << 16;

export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/**
 * Clusters hashes (16 hex digits each) whose distance is ≤ threshold; returns each element's cluster
 * root: the smallest index in its cluster. Multi-index search: if two 64-bit hashes differ in ≤ t bits,
 * one of their four 16-bit blocks differs in ≤ ⌊t/4⌋ bits, so only those buckets are probed.
 * Falls back to comparing all pairs when that is cheaper (small inputs or large thresholds).
 */
export function nearDuplicateRoots(phashes: readonly string[], threshold: number): Int32Array {
  const n = phashes.length;
  const hi = new Uint32Array(n);
  const lo = new Uint32Array(n);
  phashes.forEach((phash, i) => {
    if (!PHASH_PATTERN.test(phash)) throw new Error(`asset ${i}: not a perceptual hash (16 lower-case hex digits): "${phash}"`);
    hi[i] = parseInt(phash.slice(0, 8), 16);
    lo[i] = parseInt(phash.slice(8), 16);
  });
  const sets = new UnionFind(n);
  const linkIfNear = (i: number, j: number) => {
    if (popcount32(hi[i] ^ hi[j]) + popcount32(lo[i] ^ lo[j]) <= threshold) sets.union(i, j);
  };
  const masks = masksWithin(Math.floor(Math.max(threshold, 0) / BLOCKS));
  if (n * BLOCKS * masks.length >= (n * n) / 2) {
    for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) linkIfNear(i, j);
    return sets.roots();
  }
  const block = (b: number, i: number) => (b < 2 ? hi[i] >>> (b === 0 ? 16 : 0) : lo[i] >>> (b === 2 ? 16 : 0)) & 0xffff;
  for (let b = 0; b < BLOCKS; b++) {
    const { starts, members } = bucketIndex(n, (i) => block(b, i));
    for (let i = 0; i < n; i++) {
      const value = block(b, i);
      for (const mask of masks) {
        const key = value ^ mask;
        for (let m = starts[key]; m < starts[key + 1]; m++) {
          const j = members[m];
          if (j > i) linkIfNear(i, j);
        }
      }
    }
  }
  return sets.roots();
}

/** Elements grouped by a 16-bit key (counting sort): members[starts[k] … starts[k+1]) have key k. */
function bucketIndex(n: number, keyOf: (i: number) => number) {
  const starts = new Int32Array(BLOCK_VALUES + 1);
  for (let i = 0; i < n; i++) starts[keyOf(i) + 1]++;
  for (let k = 0; k < BLOCK_VALUES; k++) starts[k + 1] += starts[k];
  const fill = starts.slice(0, BLOCK_VALUES);
  const members = new Int32Array(n);
  for (let i = 0; i < n; i++) members[fill[keyOf(i)]++] = i;
  return { starts, members };
}

/** Every 16-bit XOR mask with at most `radius` bits set. */
function masksWithin(radius: number): number[] {
  const masks: number[] = [];
  for (let m = 0; m < BLOCK_VALUES; m++) if (popcount32(m) <= radius) masks.push(m);
  return masks;
}
