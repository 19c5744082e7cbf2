// Confidence intervals for proportions: Wilson's score interval (good at small n and near 0 or 1), and
// Newcombe's hybrid interval for the difference of two independent proportions (the modality gap).

/** z for a two-sided 95% interval. */
export const Z_95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/** null when there is nothing to estimate from (n = 0). */
export function wilsonInterval(successes: number, n: number, z: number = Z_95): Interval | null {
  if (n <= 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  // Exactly 0 / 1 at the edges (rounding would give 0.9999999999999999).
  return { low: successes === 0 ? 0 : Math.max(0, centre - half), high: successes === n ? 1 : Math.min(1, centre + half) };
}

/** p1 − p2 with Newcombe's method 10 (from the two Wilson intervals); null if either side is empty. */
export function differenceInterval(
  a: { rate: number; ci: Interval },
  b: { rate: number; ci: Interval },
): Interval {
  const d = a.rate - b.rate;
  return {
    low: d - Math.sqrt((a.rate - a.ci.low) ** 2 + (b.ci.high - b.rate) ** 2),
    high: d + Math.sqrt((a.ci.high - a.rate) ** 2 + (b.rate - b.ci.low) ** 2),
  };
}
