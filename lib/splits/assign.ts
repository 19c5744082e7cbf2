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
  const target = (s: number, k: number) => ratios[s] * totals[k];
  const assigned = Array.from({ length: splitCount }, () => new Float64Array(strata));
  const result = new Int32Array(groups.length).fill(-1);

  const free: { index: number; size: number; order: string }[] = [];
  groups.forEach((g, index) => {
    if (g.pinned !== undefined) {
      if (g.pinned < 0 || g.pinned >= splitCount) throw new Error(`group ${g.key}: pinned to unknown split ${g.pinned}`);
      result[index] = g.pinned;
      for (let k = 0; k < strata; k++) assigned[g.pinned][k] += g.counts[k];
    } else {
      let size = 0;
      for (let k = 0; k < strata; k++) size += g.counts[k];
      free.push({ index, size, order: seededHash(seed, g.key) + g.key });
    }
  });
  free.sort((a, b) => b.size - a.size || (a.order < b.order ? -1 : a.order > b.order ? 1 : 0));

  for (const { index } of free) {
    const counts = groups[index].counts;
    let best = -1;
    let bestScore = -Infinity;
    for (let s = 0; s < splitCount; s++) {
      if (ratios[s] <= 0) continue;
      let score = 0;
      for (let k = 0; k < strata; k++) {
        if (counts[k] > 0) score += (counts[k] * (target(s, k) - assigned[s][k])) / target(s, k);
      }
      // Strictly greater: ties go to the earlier split, so the result never depends on float noise order.
      if (score > bestScore + 1e-12) {
        best = s;
        bestScore = score;
      }
    }
    result[index] = best;
    for (let k = 0; k < strata; k++) assigned[best][k] += counts[k];
  }
  return result;
}
