// Near-duplicate groups computed in memory, one asset at a time: the union of every pair within the
// threshold (found with the multi-index hash, never over all pairs), closed transitively. A group's id
// is its smallest asset id, so it depends only on who is in the group, never on the order they came in:
// the same groups whether built here in one pass (regroup) or maintained asset by asset at ingest.
import { PhashIndex } from "./phash-index";

export class GroupBuilder {
  private readonly index: PhashIndex<number>;
  /** Identical hashes share one entry (a thousand copies of a blank frame cost one query). */
  private readonly uniqueOf = new Map<string, number>();
  private parent = new Int32Array(1024);
  private rank = new Uint8Array(1024);
  private uniqueCount = 0;
  private readonly ids: string[] = [];
  private readonly uniqueOfAsset: number[] = [];

  constructor(readonly threshold: number) {
    this.index = new PhashIndex<number>(threshold);
  }

  get size(): number {
    return this.ids.length;
  }

  add(id: string, phash: string): void {
    let u = this.uniqueOf.get(phash);
    if (u === undefined) {
      u = this.uniqueCount++;
      this.uniqueOf.set(phash, u);
      if (u >= this.parent.length) {
        const parent = new Int32Array(this.parent.length * 2);
        parent.set(this.parent);
        this.parent = parent;
        const rank = new Uint8Array(this.rank.length * 2);
        rank.set(this.rank);
        this.rank = rank;
      }
      this.parent[u] = u;
      // Querying before adding finds every earlier neighbour: each pair is seen once.
      for (const match of this.index.queryIndexes(phash)) this.union(u, match.index);
      this.index.add(u, phash);
    }
    this.ids.push(id);
    this.uniqueOfAsset.push(u);
  }

  /** Every added asset's group id (the smallest asset id of its group), in the order they were added. */
  groups(): Map<string, string> {
    const smallest = new Map<number, string>();
    const roots = this.uniqueOfAsset.map((u) => this.find(u));
    this.ids.forEach((id, i) => {
      const current = smallest.get(roots[i]);
      if (current === undefined || id < current) smallest.set(roots[i], id);
    });
    return new Map(this.ids.map((id, i) => [id, smallest.get(roots[i])!]));
  }

  private find(x: number): number {
    const parent = this.parent;
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]]; // path halving
      x = parent[x];
    }
    return x;
  }

  private union(a: number, b: number): void {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return;
    if (this.rank[ra] < this.rank[rb]) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    if (this.rank[ra] === this.rank[rb]) this.rank[ra]++;
  }
}
