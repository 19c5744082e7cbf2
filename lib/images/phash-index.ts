// Near-duplicate search without comparing every pair: multi-index hashing. The 64 bits are cut into
// m bands; if two hashes differ in at most t bits, some band differs in at most ⌊t/m⌋ bits
// (pigeonhole). So only hashes whose band lies within that radius in some band are candidates, and
// only those are compared in full.
import { phashWords, popcount32 } from "./phash";

export interface NearMatch<Id = string> {
  id: Id;
  distance: number;
}

interface Banding {
  bits: 8 | 16;
  count: number;
  /** Every `bits`-wide mask with at most ⌊t/count⌋ bits set: the neighbours to probe. */
  masks: Int32Array;
}

function bandingFor(threshold: number): Banding {
  // 4 × 16-bit bands probe 1 + 16 + 120 (+ 560) values per band for t < 16; looser thresholds
  // need narrower bands (selectivity is poor there anyway: such thresholds match unrelated images).
  const bits = threshold < 16 ? 16 : 8;
  const count = 64 / bits;
  const radius = Math.floor(threshold / count);
  const masks: number[] = [];
  for (let m = 0; m < 1 << bits; m++) if (popcount32(m) <= radius) masks.push(m);
  return { bits, count, masks: Int32Array.from(masks) };
}

function bandValue(hi: number, lo: number, band: number, bits: 8 | 16): number {
  const perWord = 32 / bits;
  const word = band < perWord ? hi : lo;
  const shift = 32 - bits * ((band % perWord) + 1);
  return (word >>> shift) & ((1 << bits) - 1);
}

function grow<T extends Uint32Array | Int32Array>(array: T, needed: number): T {
  if (needed <= array.length) return array;
  const grown = new (array.constructor as new (n: number) => T)(Math.max(needed, array.length * 2));
  grown.set(array);
  return grown;
}

/** An in-memory index of perceptual hashes answering "which are within `threshold` bits of this one?". */
export class PhashIndex<Id = string> {
  private readonly banding: Banding;
  private readonly ids: Id[] = [];
  private his = new Uint32Array(1024);
  private los = new Uint32Array(1024);
  // Per band, a linked list of entries per band value, in typed arrays: heads[b][value] is the newest
  // entry with that value, next[b][entry] the one before it (-1 ends the list). No allocation per add.
  private readonly heads: Int32Array[];
  private next: Int32Array[];
  private seen = new Uint32Array(1024); // query stamp per entry, to count each candidate once
  private stamp = 0;
  /** Full 64-bit comparisons made by queries so far (what the banding saves is visible here). */
  comparisons = 0;

  constructor(readonly threshold: number) {
    if (!Number.isInteger(threshold) || threshold < 0 || threshold > 32) throw new Error(`threshold must be a whole number 0–32, got ${threshold}`);
    this.banding = bandingFor(threshold);
    this.heads = Array.from({ length: this.banding.count }, () => new Int32Array(1 << this.banding.bits).fill(-1));
    this.next = Array.from({ length: this.banding.count }, () => new Int32Array(1024));
  }

  get size(): number {
    return this.ids.length;
  }

  add(id: Id, phash: string): void {
    const [hi, lo] = phashWords(phash);
    const index = this.ids.length;
    this.ids.push(id);
    this.his = grow(this.his, index + 1);
    this.los = grow(this.los, index + 1);
    this.seen = grow(this.seen, index + 1);
    this.his[index] = hi;
    this.los[index] = lo;
    for (let b = 0; b < this.banding.count; b++) {
      const key = bandValue(hi, lo, b, this.banding.bits);
      const next = (this.next[b] = grow(this.next[b], index + 1));
      next[index] = this.heads[b][key];
      this.heads[b][key] = index;
    }
  }

  /** Entries within the threshold, nearest first (ties in insertion order). */
  query(phash: string): NearMatch<Id>[] {
    return this.queryIndexes(phash).map(({ index, distance }) => ({ id: this.ids[index], distance }));
  }

  /** Like query, with positions in insertion order instead of ids. */
  queryIndexes(phash: string): { index: number; distance: number }[] {
    const [hi, lo] = phashWords(phash);
    const stamp = ++this.stamp;
    const found: { index: number; distance: number }[] = [];
    const { bits, count, masks } = this.banding;
    const { seen, his, los, threshold } = this;
    for (let b = 0; b < count; b++) {
      const head = this.heads[b];
      const next = this.next[b];
      const value = bandValue(hi, lo, b, bits);
      for (let m = 0; m < masks.length; m++) {
        for (let index = head[value ^ masks[m]]; index !== -1; index = next[index]) {
          if (seen[index] === stamp) continue;
          seen[index] = stamp;
          this.comparisons++;
          const distance = popcount32(his[index] ^ hi) + popcount32(los[index] ^ lo);
          if (distance <= threshold) found.push({ index, distance });
        }
      }
    }
    return found.sort((a, b) => a.distance - b.distance || a.index - b.index);
  }
}
