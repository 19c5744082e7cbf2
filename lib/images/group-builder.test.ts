import { describe, expect, it } from "vitest";
import { nearDuplicateClusters } from "./clusters";
import { GroupBuilder } from "./group-builder";
import { generatedHashes } from "./testing/hashes";

/** What split planning computed before groups were stored: clusters, keyed by their smallest asset id. */
function clustersAsGroups(assets: { id: string; phash: string }[], threshold: number): Map<string, string> {
  const groups = new Map<string, string>();
  for (const cluster of nearDuplicateClusters(assets, threshold)) {
    const key = cluster.reduce((min, id) => (id < min ? id : min));
    for (const id of cluster) groups.set(id, key);
  }
  return groups;
}

describe("GroupBuilder", () => {
  it("groups a generated set exactly as the per-plan clustering did, at several thresholds", () => {
    // 16 and up use the index's narrower bands; there random hashes start to chain into one big group.
    for (const threshold of [0, 4, 10, 15, 16, 18]) {
      const assets = generatedHashes(threshold >= 16 ? 600 : 3000, threshold, threshold + 11);
      const builder = new GroupBuilder(threshold);
      for (const asset of assets) builder.add(asset.id, asset.phash);
      const built = builder.groups();
      const expected = clustersAsGroups(assets, threshold);
      expect(built).toEqual(expected);
      // Something to group: the set has real multi-image groups, and singletons.
      const sizes = new Map<string, number>();
      for (const g of built.values()) sizes.set(g, (sizes.get(g) ?? 0) + 1);
      expect([...sizes.values()].some((n) => n >= 3), `threshold ${threshold}`).toBe(true);
      if (threshold <= 10) expect([...sizes.values()].filter((n) => n === 1).length).toBeGreaterThan(100);
    }
  });

  it("gives the same group ids whatever order the assets come in", () => {
    const assets = generatedHashes(2000, 10, 5);
    const forward = new GroupBuilder(10);
    const backward = new GroupBuilder(10);
    for (const a of assets) forward.add(a.id, a.phash);
    for (const a of [...assets].reverse()) backward.add(a.id, a.phash);
    expect(new Map([...backward.groups()].sort())).toEqual(new Map([...forward.groups()].sort()));
  });

  it("merges two groups when an asset bridges them, under the smallest id", () => {
    const builder = new GroupBuilder(2);
    builder.add("m", "0000000000000000");
    builder.add("z", "0000000000000007"); // 3 bits from m: not a neighbour
    builder.add("b", "0000000000000003"); // 2 from m, 1 from z
    builder.add("x", "ffffffffffffffff");
    builder.add("c", "0000000000000000"); // identical hash to m
    expect(Object.fromEntries(builder.groups())).toEqual({ m: "b", z: "b", b: "b", x: "x", c: "b" });
  });
});
