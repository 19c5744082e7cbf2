import { describe, expect, it } from "vitest";
import { cohenKappa, fleissKappa, fleissTable, krippendorffAlpha, pairwiseCohen, valuesByUnit } from "./agreement";

function repeat<T>(value: T, times: number): T[] {
  return Array.from({ length: times }, () => value);
}

describe("Cohen's κ", () => {
  // Wikipedia, "Cohen's kappa", worked example: 50 grant proposals read by A and B;
  // yes/yes 20, A yes B no 5, A no B yes 10, no/no 15 → p_o = 0.7, p_e = 0.5, κ = 0.4.
  it("reproduces the 50-proposal worked example (κ = 0.400)", () => {
    const pairs = [
      ...repeat(["yes", "yes"] as const, 20),
      ...repeat(["yes", "no"] as const, 5),
      ...repeat(["no", "yes"] as const, 10),
      ...repeat(["no", "no"] as const, 15),
    ];
    const result = cohenKappa(pairs);
    expect(result.value).toBeCloseTo(0.4, 3);
    expect(result.units).toBe(50);
    expect(result.pairs).toBe(50);
  });

  // Same article, second example of "same agreement, different κ": 45/15/25/15 → κ = 0.1304.
  it("reproduces the unbalanced-marginals example (κ = 0.130)", () => {
    const pairs = [
      ...repeat(["yes", "yes"] as const, 45),
      ...repeat(["yes", "no"] as const, 15),
      ...repeat(["no", "yes"] as const, 25),
      ...repeat(["no", "no"] as const, 15),
    ];
    expect(cohenKappa(pairs).value).toBeCloseTo(0.1304, 3);
  });

  it("is undefined with a reason when both raters use one category", () => {
    const result = cohenKappa(repeat(["APPROVE", "APPROVE"] as const, 4));
    expect(result.value).toBeNull();
    expect(result.reason).toMatch(/single/);
    expect(cohenKappa([]).reason).toMatch(/no unit/);
  });
});

describe("Fleiss' κ", () => {
  // Wikipedia, "Fleiss' kappa", worked example (after Fleiss 1971): 10 subjects, 14 raters, 5 categories;
  // column proportions 0.143/0.200/0.279/0.150/0.229, P̄ = 0.378, P̄e = 0.213, κ = 0.210.
  const table = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
  ];
  it("reproduces the 10 × 14 worked example (κ = 0.210)", () => {
    const result = fleissKappa(table);
    expect(result.value).toBeCloseTo(0.21, 3);
    expect(result.units).toBe(10);
    expect(result.pairs).toBe(10 * 91);
  });

  it("refuses units with different numbers of ratings", () => {
    expect(() => fleissKappa([[1, 1], [3, 0]])).toThrow(RangeError);
  });

  it("builds its table from rating lists, keeping complete units", () => {
    const rows = fleissTable([["A", "A", "R"], ["R", "R", "R"], ["A", "A"]], ["A", "R"], 3);
    expect(rows).toEqual([[2, 1], [0, 3]]);
    expect(fleissKappa([[3, 0], [3, 0]]).value).toBeNull();
  });
});

describe("Krippendorff's α", () => {
  // Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability. Annenberg School for Communication,
  // Departmental Papers 43, section C ("Nominal data, any number of observers, missing values"), the
  // 4 observers × 12 units table with missing values; α_nominal = 0.743, α_interval = 0.849 in the paper and
  // α_ordinal = 0.815 (the paper's data with the ordinal metric, the figure the reference implementations
  // `krippendorff` (Python) and `irr::kripp.alpha` (R) give for it).
  const m = NaN;
  const coders = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, m, m, m],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, m, 3],
    [m, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, m],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, m],
  ];
  const units = coders[0].map((_, u) => coders.map((c) => c[u]).filter((v) => !Number.isNaN(v)));

  it("reproduces the paper's nominal α = 0.743", () => {
    const result = krippendorffAlpha(units, "nominal");
    expect(result.value).toBeCloseTo(0.743, 3);
    // Unit 12 has a single value and is not pairable.
    expect(result.units).toBe(11);
  });

  it("reproduces ordinal α = 0.815", () => {
    expect(krippendorffAlpha(units, "ordinal").value).toBeCloseTo(0.815, 3);
  });

  it("reproduces the paper's interval α = 0.849", () => {
    expect(krippendorffAlpha(units, "interval").value).toBeCloseTo(0.849, 3);
  });

  // Section A of the same paper: binary data, two observers, ten units → α = 0.095.
  it("reproduces the paper's binary two-observer example (α = 0.095)", () => {
    const a = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0];
    const b = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0];
    expect(krippendorffAlpha(a.map((v, i) => [v, b[i]]), "nominal").value).toBeCloseTo(0.095, 3);
  });

  it("is undefined with a reason without variation or pairable units", () => {
    expect(krippendorffAlpha([[3, 3], [3, 3, 3]], "ordinal").reason).toMatch(/single value/);
    expect(krippendorffAlpha([[3], [4]], "ordinal").reason).toMatch(/no unit/);
  });
});

describe("rating helpers", () => {
  it("computes κ per reviewer pair over the items both reviewed, last rating counting", () => {
    const ratings = [
      { unit: "i1", rater: "r2", value: "REJECT" },
      { unit: "i1", rater: "r2", value: "APPROVE" },
      { unit: "i1", rater: "r1", value: "APPROVE" },
      { unit: "i2", rater: "r1", value: "REJECT" },
      { unit: "i2", rater: "r2", value: "REJECT" },
      { unit: "i3", rater: "r3", value: "APPROVE" },
    ];
    const pairs = pairwiseCohen(ratings);
    expect(pairs).toHaveLength(1);
    expect(pairs[0].raters).toEqual(["r1", "r2"]);
    expect(pairs[0].value).toBeCloseTo(1, 6);
    expect(pairs[0].units).toBe(2);
    expect(valuesByUnit(ratings).map((u) => u.length)).toEqual([2, 2, 1]);
  });
});
