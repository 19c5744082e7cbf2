// Stratified group assignment: whole groups (an image and its near-duplicates) go to one split, and
// splits are filled so that every stratum (kind × answer type) approaches the ratios on its own.
import { seededHash } from "./seeded-hash";

export interface SplitGroup {
  /** Stable, content-derived key (e.g. the smallest sha256 of the group's images). */
  key: string;
  /** Records of this group per stratum; the same length for every group. */
  counts: ArrayLike<number>;
  /** Index of the split the group is pinned to (frozen test set), if any. */
  pinned?: number;
}

export interface AssignOptions {
  seed: string | number;
  ratios: readonly number[];
}

/**
 * Returns the split index of every group (same order as `groups`). Deterministic: depends only on the
 * groups' keys, counts and pins, the ratios and the seed, never on input order.
 *
 * Pinned groups are placed first and count against their split's targets. The rest go largest first
 * (ties in seeded-hash order) to the split whose targets are least filled, weighted by the group's
 * records per stratum: score(s) = Σₖ cₖ·(targetₛₖ − assignedₛₖ)/targetₛₖ.
 */
export function assignGroupsToSplits(groups: readonly SplitGroup[], { seed, ratios }: AssignOptions): Int32Array {
  const strata = groups.length > 0 ? groups[0].counts.length : 0;
  const splitCount = ratios.length;
  const totals = new Float64Array(strata);
  for (const g of groups) {
    if (g.counts.length !== strata) throw new Error(`group ${g.key}: expected ${strata} strata, got ${g.counts.length}`);
    for (let k = 0; k < strata; k++) totals[k] += g.counts[k];
  }
  // target[s·strata + k]: split s's share of stratum k.
  const target = new Float64Array(splitCount * strata);
  for (let s = 0; s < splitCount; s++) for (let k = 0; k < strata; k++) target[s * strata + k] = ratios[s] * totals[k];
  const assigned = new Float64Array(splitCount * strata);
  const result = new Int32Array(groups.length).fill(-1);

  // The free groups' order, as numbers (a million groups sort in well under a second): size, then the
  // seeded hash's 64 bits as two 32-bit halves (hex compares as its value), then the key.
  const free: number[] = [];
  const size = new Float64Array(groups.length);
  const high = new Uint32Array(groups.length);
  const low = new Uint32Array(groups.length);
  groups.forEach((g, index) => {
    if (g.pinned !== undefined) {
      if (g.pinned < 0 || g.pinned >= splitCount) throw new Error(`group ${g.key}: pinned to unknown split ${g.pinned}`);
      result[index] = g.pinned;
      for (let k = 0; k < strata; k++) assigned[g.pinned * strata + k] += g.counts[k];
    } else {
      let total = 0;
      for (let k = 0; k < strata; k++) total += g.counts[k];
      const order = seededHash(seed, g.key);
      size[index] = total;
      high[index] = parseInt(order.slice(0, 8), 16);
      low[index] = parseInt(order.slice(8, 16), 16);
      free.push(index);
    }
  });
  free.sort((a, b) => size[b] - size[a] || high[a] - high[b] || low[a] - low[b] || byKey(groups[a].key, groups[b].key));

  for (const index of free) {
    const counts = groups[index].counts;
    let best = -1;
    let bestScore = -Infinity;
    for (let s = 0; s < splitCount; s++) {
      if (ratios[s] <= 0) continue;
      let score = 0;
      for (let k = 0; k < strata; k++) {
        const t = target[s * strata + k];
        if (counts[k] > 0) score += (counts[k] * (t - assigned[s * strata + k])) / t;
      }
      // Strictly greater: ties go to the earlier split, so the result never depends on float noise order.
      if (score > bestScore + 1e-12) {
        best = s;
        bestScore = score;
      }
    }
    result[index] = best;
    for (let k = 0; k < strata; k++) assigned[best * strata + k] += counts[k];
  }
  return result;
}

const byKey = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
