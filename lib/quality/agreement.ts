// Inter-rater agreement: Cohen's κ (two raters), Fleiss' κ (k raters per unit) and Krippendorff's α
// (any number of raters, missing values, nominal / ordinal / interval metrics). Pure functions, no database.
// Each result carries the number of units and pairable values behind it, or null with the reason when the
// coefficient is undefined (too little data, or a single category: no variation to agree on).

export type Agreement = {
  value: number | null;
  /** Units (items) that entered the computation. */
  units: number;
  /** Pairs of ratings compared: n for Cohen, Σ r(r−1)/2 per unit for Fleiss and Krippendorff. */
  pairs: number;
  /** Why value is null. */
  reason?: string;
};

function undefinedAgreement(units: number, pairs: number, reason: string): Agreement {
  return { value: null, units, pairs, reason };
}

/**
 * Cohen's κ for two raters who rated the same units. `pairs` holds one [rater1, rater2] per unit; units that
 * one of them did not rate are left out by the caller.
 */
export function cohenKappa<C extends string | number>(pairs: ReadonlyArray<readonly [C, C]>): Agreement {
  const n = pairs.length;
  if (n === 0) return undefinedAgreement(0, 0, "no unit rated by both raters");
  const first = new Map<C, number>();
  const second = new Map<C, number>();
  let agree = 0;
  for (const [a, b] of pairs) {
    if (a === b) agree++;
    first.set(a, (first.get(a) ?? 0) + 1);
    second.set(b, (second.get(b) ?? 0) + 1);
  }
  let expected = 0;
  for (const [category, count] of first) expected += (count / n) * ((second.get(category) ?? 0) / n);
  const observed = agree / n;
  if (expected === 1) return undefinedAgreement(n, n, "both raters used a single, identical category");
  return { value: (observed - expected) / (1 - expected), units: n, pairs: n };
}

/**
 * Fleiss' κ. `counts[i][j]` is how many raters put unit i in category j; every unit must have the same number
 * of ratings (Fleiss 1971). Units with another count are rejected rather than silently mixed.
 */
export function fleissKappa(counts: ReadonlyArray<ReadonlyArray<number>>): Agreement {
  const units = counts.length;
  if (units === 0) return undefinedAgreement(0, 0, "no unit");
  const raters = counts[0].reduce((s, c) => s + c, 0);
  if (raters < 2) return undefinedAgreement(units, 0, "fewer than two ratings per unit");
  for (const row of counts) {
    if (row.reduce((s, c) => s + c, 0) !== raters) throw new RangeError("Fleiss' κ needs the same number of ratings per unit");
  }
  const categories = counts[0].length;
  const p = new Array<number>(categories).fill(0);
  let meanP = 0;
  for (const row of counts) {
    let agreeing = 0;
    row.forEach((c, j) => {
      p[j] += c;
      agreeing += c * (c - 1);
    });
    meanP += agreeing / (raters * (raters - 1));
  }
  meanP /= units;
  const expected = p.reduce((s, total) => s + (total / (units * raters)) ** 2, 0);
  const pairs = (units * raters * (raters - 1)) / 2;
  if (expected === 1) return undefinedAgreement(units, pairs, "a single category was used");
  return { value: (meanP - expected) / (1 - expected), units, pairs };
}

/** Builds the Fleiss count table from per-unit rating lists, keeping the units with exactly `raters` ratings. */
export function fleissTable<C extends string | number>(
  units: ReadonlyArray<ReadonlyArray<C>>,
  categories: ReadonlyArray<C>,
  raters: number,
): number[][] {
  const index = new Map(categories.map((c, i) => [c, i] as const));
  return units
    .filter((ratings) => ratings.length === raters)
    .map((ratings) => {
      const row = new Array<number>(categories.length).fill(0);
      for (const r of ratings) {
        const j = index.get(r);
        if (j === undefined) throw new RangeError(`unknown category ${String(r)}`);
        row[j]++;
      }
      return row;
    });
}

export type AlphaMetric = "nominal" | "ordinal" | "interval";

/**
 * Krippendorff's α. `units[u]` lists the values the raters gave unit u (missing ratings simply absent).
 * Units with fewer than two values are not pairable and are dropped, as in Krippendorff (2011).
 * Ordinal uses the rank-based distance over the values' frequencies, interval the squared difference.
 */
export function krippendorffAlpha(units: ReadonlyArray<ReadonlyArray<number>>, metric: AlphaMetric): Agreement {
  const pairable = units.filter((values) => values.length >= 2);
  const pairs = pairable.reduce((s, values) => s + (values.length * (values.length - 1)) / 2, 0);
  if (pairable.length === 0) return undefinedAgreement(0, 0, "no unit with two or more ratings");

  const categories = [...new Set(pairable.flat())].sort((a, b) => a - b);
  if (categories.length < 2) return undefinedAgreement(pairable.length, pairs, "a single value was used");
  const index = new Map(categories.map((c, i) => [c, i] as const));
  const k = categories.length;

  // Coincidence matrix o[c][k]: each ordered pair of values within a unit, weighted 1/(m_u − 1).
  const o = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const values of pairable) {
    const weight = 1 / (values.length - 1);
    for (let i = 0; i < values.length; i++) {
      for (let j = 0; j < values.length; j++) {
        if (i !== j) o[index.get(values[i])!][index.get(values[j])!] += weight;
      }
    }
  }
  const nc = o.map((row) => row.reduce((s, x) => s + x, 0));
  const n = nc.reduce((s, x) => s + x, 0);
  const distance = distanceFunction(metric, categories, nc);

  let observed = 0;
  let expected = 0;
  for (let c = 0; c < k; c++) {
    for (let d = 0; d < k; d++) {
      if (c === d) continue;
      const delta = distance(c, d);
      observed += o[c][d] * delta;
      expected += nc[c] * nc[d] * delta;
    }
  }
  // α = 1 − (n − 1) · Σ o·δ / Σ n_c·n_k·δ
  return { value: 1 - ((n - 1) * observed) / expected, units: pairable.length, pairs };
}

function distanceFunction(metric: AlphaMetric, categories: number[], nc: number[]): (c: number, d: number) => number {
  if (metric === "nominal") return () => 1;
  if (metric === "interval") return (c, d) => (categories[c] - categories[d]) ** 2;
  // Ordinal: (Σ_{g=c..d} n_g − (n_c + n_d)/2)²
  const cumulative = [0];
  for (const x of nc) cumulative.push(cumulative[cumulative.length - 1] + x);
  return (c, d) => {
    const [lo, hi] = c < d ? [c, d] : [d, c];
    return (cumulative[hi + 1] - cumulative[lo] - (nc[lo] + nc[hi]) / 2) ** 2;
  };
}

export type Rating<C> = { unit: string; rater: string; value: C };

export type PairAgreement = Agreement & { raters: [string, string] };

/**
 * Cohen's κ for every pair of raters who rated at least one unit in common (a rater's last rating of a unit
 * counts). Pairs come sorted by rater ids so the output is stable.
 */
export function pairwiseCohen<C extends string | number>(ratings: ReadonlyArray<Rating<C>>): PairAgreement[] {
  const byUnit = new Map<string, Map<string, C>>();
  for (const r of ratings) {
    let unit = byUnit.get(r.unit);
    if (!unit) byUnit.set(r.unit, (unit = new Map()));
    unit.set(r.rater, r.value);
  }
  const pairs = new Map<string, Array<[C, C]>>();
  for (const unit of byUnit.values()) {
    const raters = [...unit.keys()].sort();
    for (let i = 0; i < raters.length; i++) {
      for (let j = i + 1; j < raters.length; j++) {
        const key = `${raters[i]}\u0000${raters[j]}`;
        let list = pairs.get(key);
        if (!list) pairs.set(key, (list = []));
        list.push([unit.get(raters[i])!, unit.get(raters[j])!]);
      }
    }
  }
  return [...pairs.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, list]) => ({ ...cohenKappa(list), raters: key.split("\u0000") as [string, string] }));
}

/** Groups ratings by unit (a rater's last rating of a unit counts), for Fleiss and Krippendorff. */
export function valuesByUnit<C>(ratings: ReadonlyArray<Rating<C>>): C[][] {
  const byUnit = new Map<string, Map<string, C>>();
  for (const r of ratings) {
    let unit = byUnit.get(r.unit);
    if (!unit) byUnit.set(r.unit, (unit = new Map()));
    unit.set(r.rater, r.value);
  }
  return [...byUnit.values()].map((unit) => [...unit.values()]);
}
