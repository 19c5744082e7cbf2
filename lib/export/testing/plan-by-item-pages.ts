// The split planner as it was before it counted in one GROUP BY (kept verbatim as a reference): the
// assets in id pages, the selected records counted per item in item pages. Tests and bench/split-plan.ts
// compare the current planner (../plan.ts) with it: same splits for every image, same totals.
import type { Db } from "../../db/client";
import { Prisma } from "../../db";
import { openRawReads, type RawReads } from "../../db/raw-reads";
import { assignGroupsToSplits, type SplitGroup } from "../../splits/assign";
import { ensureNearDuplicateGroups } from "../../images/groups";
import { TEST_SPLIT } from "../../splits/schemas";
import { selectedFollowUps, selectedItems } from "../selection";
import { STRATA_COUNT } from "../strata";
import { addRecordCounts, type PlanInput, type SplitPlan } from "../plan";

const ASSET_PAGE = 5000;

/** The planner's input, with page sizes (tests use tiny pages to cross page boundaries). */
export type PagedPlanInput = PlanInput & { pageSizes?: { assets?: number; items?: number } };

const ITEM_PAGE = 10_000;

interface AssetTable {
  index: Map<string, number>;
  sha256: string[];
  /** Near-duplicate group number per asset. */
  roots: Int32Array;
}

/**
 * The project's assets in id pages: compact (id, sha256, near-duplicate group). The groups are stored
 * at import (lib/images/groups.ts); they are recomputed first only when stale (a changed threshold).
 */
async function scanAssets(db: Db, reads: RawReads, { projectId, nearDuplicateThreshold, signal, pageSizes }: PagedPlanInput): Promise<AssetTable> {
  await ensureNearDuplicateGroups(db, projectId, nearDuplicateThreshold);
  const pageSize = pageSizes?.assets ?? ASSET_PAGE;
  const index = new Map<string, number>();
  const sha256: string[] = [];
  const rootOfGroup = new Map<string, number>();
  let roots = new Int32Array(1024);
  let after: string | undefined;
  for (;;) {
    signal?.throwIfAborted();
    const from = after === undefined ? Prisma.empty : Prisma.sql` AND a."id" > ${after}`;
    const page = await reads.all<{ id: string; sha256: string; nearDuplicateGroup: string | null }[]>(Prisma.sql`
      SELECT a."id", a."sha256", a."nearDuplicateGroup" FROM "Asset" a WHERE a."projectId" = ${projectId}${from} ORDER BY a."id" LIMIT ${pageSize}`);
    for (const asset of page) {
      const a = sha256.length;
      index.set(asset.id, a);
      sha256.push(asset.sha256);
      // Null only for an image imported after the check above by an import at another threshold: alone.
      const group = asset.nearDuplicateGroup ?? asset.id;
      let root = rootOfGroup.get(group);
      if (root === undefined) rootOfGroup.set(group, (root = rootOfGroup.size));
      if (a >= roots.length) {
        const grown = new Int32Array(roots.length * 2);
        grown.set(roots);
        roots = grown;
      }
      roots[a] = root;
    }
    if (page.length < pageSize) break;
    after = page[page.length - 1].id;
  }
  return { index, sha256, roots };
}

/**
 * Selected records per asset and stratum (a flat assets × strata table), counted by the database one
 * page of items at a time (an index range scan in id order), summed per image and answer type.
 */
async function countRecords(reads: RawReads, { projectId, params, signal, pageSizes }: PagedPlanInput, assets: AssetTable) {
  const pageSize = pageSizes?.items ?? ITEM_PAGE;
  const where = selectedItems(projectId, params.filters, params.variant);
  const followUpWhere = selectedFollowUps(params.filters);
  const cells = new Int32Array(assets.sha256.length * STRATA_COUNT);
  let records = 0;
  let after: string | undefined;
  for (;;) {
    signal?.throwIfAborted();
    const from = after === undefined ? Prisma.empty : Prisma.sql` AND i."id" > ${after}`;
    // The page's last id and size come from the database too: its collation orders the ids.
    const rows = await reads.all<{ assetId: string; answerType: string; misleading: number | bigint; total: number | bigint; pageItems: number | bigint; pageLast: string }[]>(Prisma.sql`
      WITH p AS (
        SELECT i."id", i."assetId", i."answerType", SUM(CASE WHEN f."kind" = 'MISLEADING' THEN 1 ELSE 0 END) AS "misleading", COUNT(*) AS "total"
        FROM "Item" i JOIN "FollowUp" f ON f."itemId" = i."id"
        WHERE ${where}${from} AND ${followUpWhere}
        GROUP BY i."id" ORDER BY i."id" LIMIT ${pageSize}
      )
      SELECT p."assetId", p."answerType", SUM(p."misleading") AS "misleading", SUM(p."total") AS "total",
             (SELECT COUNT(*) FROM p) AS "pageItems", (SELECT MAX(q."id") FROM p q) AS "pageLast"
      FROM p GROUP BY p."assetId", p."answerType"`);
    for (const row of rows) records += addRecordCounts(cells, assets.index, row);
    if (rows.length === 0 || Number(rows[0].pageItems) < pageSize) break;
    after = rows[0].pageLast;
  }
  return { cells, records };
}

export async function planSplitsByItemPages(db: Db, input: PagedPlanInput): Promise<SplitPlan> {
  const { params, frozen } = input;
  const reads = openRawReads(db);
  let assets: AssetTable, cells: Int32Array, records: number;
  try {
    assets = await scanAssets(db, reads, input);
    ({ cells, records } = await countRecords(reads, input, assets));
  } finally {
    reads.close();
  }
  const n = assets.sha256.length;

  // Groups keyed by their root; the key is the smallest sha256 in the group (content, not database ids).
  const groupOfRoot = new Map<number, number>();
  const groups: (SplitGroup & { counts: Float64Array })[] = [];
  const testIndex = params.splits.findIndex((s) => s.name === TEST_SPLIT);
  const pinnable = params.frozenTest && testIndex >= 0;
  let images = 0;
  for (let a = 0; a < n; a++) {
    const root = assets.roots[a];
    let g = groupOfRoot.get(root);
    if (g === undefined) {
      g = groups.length;
      groupOfRoot.set(root, g);
      groups.push({ key: assets.sha256[a], counts: new Float64Array(STRATA_COUNT) });
    }
    const group = groups[g];
    if (assets.sha256[a] < group.key) group.key = assets.sha256[a];
    if (pinnable && frozen.has(assets.sha256[a])) group.pinned = testIndex;
    let has = false;
    for (let k = 0; k < STRATA_COUNT; k++) {
      const c = cells[a * STRATA_COUNT + k];
      group.counts[k] += c;
      if (c > 0) has = true;
    }
    if (has) images++;
  }
  const used = groups.filter((g) => g.counts.some((c) => c > 0));
  const splitOfUsed = assignGroupsToSplits(used, { seed: params.seed, ratios: params.splits.map((s) => s.ratio) });
  const splitOfGroup = new Map(used.map((g, i) => [g, splitOfUsed[i]]));
  const splitOfAsset = new Int8Array(n).fill(-1);
  for (let a = 0; a < n; a++) {
    const split = splitOfGroup.get(groups[groupOfRoot.get(assets.roots[a])!]);
    if (split !== undefined) splitOfAsset[a] = split;
  }
  // Only the id → number map and one byte per asset outlive planning.
  const { index } = assets;
  return {
    splitNames: params.splits.map((s) => s.name),
    assetCount: n,
    assetIndex: (assetId) => index.get(assetId),
    splitAt: (a) => splitOfAsset[a],
    records,
    images,
    groups: used.length,
    pinnedGroups: used.filter((g) => g.pinned !== undefined).length,
  };
}
