import { PhashIndex } from "./phash-index";

export interface HashedAsset {
  id: string;
  phash: string;
}

/**
 * (How split planning grouped images before the groups were stored at import, lib/images/groups.ts; kept
 * as the reference the stored groups are tested against, group-builder.test.ts.)
 * Groups assets whose perceptual hashes are linked by a chain of near-duplicates (distance ≤
 * threshold): union-find over the pairs the hash index finds, never over all pairs. Every asset is
 * in exactly one cluster (singletons included), so splits can keep each cluster on one side.
 * Clusters and their members keep input order (each cluster sits where its first member was).
 */
export function nearDuplicateClusters(assets: readonly HashedAsset[], threshold: number): string[][] {
  // Identical hashes (re-saved copies, blank frames) are merged first: the index then holds each
  // hash once, so a thousand copies of one image cost one query, not a thousand long candidate lists.
  const uniqueIndex = new Map<string, number>();
  const hashOf: number[] = [];
  const uniqueHashes: string[] = [];
  for (const asset of assets) {
    let u = uniqueIndex.get(asset.phash);
    if (u === undefined) {
      u = uniqueHashes.length;
      uniqueIndex.set(asset.phash, u);
      uniqueHashes.push(asset.phash);
    }
    hashOf.push(u);
  }

  const parent = Int32Array.from({ length: uniqueHashes.length }, (_, i) => i);
  const rank = new Uint8Array(uniqueHashes.length);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]]; // path halving
      x = parent[x];
    }
    return x;
  };
  const union = (a: number, b: number) => {
    let ra = find(a);
    let rb = find(b);
    if (ra === rb) return;
    if (rank[ra] < rank[rb]) [ra, rb] = [rb, ra];
    parent[rb] = ra;
    if (rank[ra] === rank[rb]) rank[ra]++;
  };

  const index = new PhashIndex<number>(threshold);
  uniqueHashes.forEach((hash, u) => {
    // Querying before adding finds every earlier neighbour: each pair is seen exactly once.
    for (const match of index.queryIndexes(hash)) union(u, match.index);
    index.add(u, hash);
  });

  const clusterOfRoot = new Map<number, string[]>();
  const clusters: string[][] = [];
  assets.forEach((asset, i) => {
    const root = find(hashOf[i]);
    let cluster = clusterOfRoot.get(root);
    if (!cluster) {
      cluster = [];
      clusterOfRoot.set(root, cluster);
      clusters.push(cluster);
    }
    cluster.push(asset.id);
  });
  return clusters;
}
