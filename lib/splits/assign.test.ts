import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { assignGroupsToSplits, type SplitGroup } from "./assign";

const RATIOS = [0.8, 0.1, 0.1];

function tally(groups: SplitGroup[], splits: Int32Array, strata: number) {
  const out = Array.from({ length: 3 }, () => new Array<number>(strata).fill(0));
  groups.forEach((g, i) => {
    for (let k = 0; k < strata; k++) out[splits[i]][k] += g.counts[k];
  });
  return out;
}

describe("assignGroupsToSplits", () => {
  it("hits the ratios exactly for unit groups", () => {
    const groups = Array.from({ length: 100 }, (_, i) => ({ key: `g${i}`, counts: [1] }));
    const splits = assignGroupsToSplits(groups, { seed: 42, ratios: RATIOS });
    expect(tally(groups, splits, 1).map((r) => r[0])).toEqual([80, 10, 10]);
  });

  it("approaches the ratios within every stratum", () => {
    // Stratum 0 is common, stratum 1 rare; groups mix them.
    const groups: SplitGroup[] = Array.from({ length: 400 }, (_, i) => ({
      key: `img${i}`,
      counts: [1 + (i % 3), i % 10 === 0 ? 1 : 0],
    }));
    const splits = assignGroupsToSplits(groups, { seed: "s", ratios: RATIOS });
    const t = tally(groups, splits, 2);
    const totals = [0, 1].map((k) => t[0][k] + t[1][k] + t[2][k]);
    for (let k = 0; k < 2; k++) {
      RATIOS.forEach((r, s) => expect(Math.abs(t[s][k] - r * totals[k])).toBeLessThanOrEqual(3));
    }
  });

  it("is deterministic and independent of input order, but depends on the seed", () => {
    const groups = Array.from({ length: 50 }, (_, i) => ({ key: `k${i}`, counts: [1, i % 2] }));
    const byKey = (list: SplitGroup[], seed: number) => {
      const splits = assignGroupsToSplits(list, { seed, ratios: RATIOS });
      return Object.fromEntries(list.map((g, i) => [g.key, splits[i]]));
    };
    const a = byKey(groups, 1);
    expect(byKey([...groups].reverse(), 1)).toEqual(a);
    expect(byKey(groups, 2)).not.toEqual(a);
  });

  it("keeps pinned groups in their split and counts them against its targets", () => {
    const groups: SplitGroup[] = Array.from({ length: 100 }, (_, i) => ({ key: `g${i}`, counts: [1], ...(i < 10 ? { pinned: 2 } : {}) }));
    const splits = assignGroupsToSplits(groups, { seed: 42, ratios: RATIOS });
    for (let i = 0; i < 10; i++) expect(splits[i]).toBe(2);
    // The pinned groups already fill test: no other group joins them.
    expect(Array.from(splits.slice(10)).filter((s) => s === 2)).toHaveLength(0);
  });

  it("never uses a split with ratio 0", () => {
    const groups = Array.from({ length: 20 }, (_, i) => ({ key: `g${i}`, counts: [1] }));
    const splits = assignGroupsToSplits(groups, { seed: 1, ratios: [0.5, 0, 0.5] });
    expect(Array.from(splits)).not.toContain(1);
  });

  it("gives the assignments it always gave (exports must not move between splits)", () => {
    // Many equal sizes (ties broken by the seeded order), strata of every weight, pins, a zero ratio.
    const groups: SplitGroup[] = Array.from({ length: 3000 }, (_, i) => ({
      key: createHash("sha256").update(`group ${i}`).digest("hex"),
      counts: Array.from({ length: 8 }, (_, k) => ((i * 7 + k * 3) % 11 < 3 ? 1 + ((i + k) % 4) : 0)),
      ...(i % 97 === 0 ? { pinned: 2 } : {}),
    }));
    const digest = (seed: string | number, ratios: number[]) =>
      createHash("sha256").update(assignGroupsToSplits(groups, { seed, ratios })).digest("hex").slice(0, 16);
    expect([digest(42, RATIOS), digest("abc", [0.5, 0.25, 0.25]), digest(7, [0.6, 0, 0.4])]).toEqual(["60b0b55e3d9d96e9", "00a3153a9acd0e62", "ec4c18cca5e9964d"]);
  });
});
