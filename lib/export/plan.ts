// Split planning before any record is written, in two single-pass queries: the project's assets (with
// their stored near-duplicate groups), and the selected records counted per image and answer type by the
// database (one GROUP BY: its rows grow with the images, not the records). Then one split per group.
// Memory grows with the number of images, not of records.
import type { Db } from "../db/client";
import { Prisma } from "../db";
import { openRawReads, type RawReads } from "../db/raw-reads";
import { assignGroupsToSplits, type SplitGroup } from "../splits/assign";
import { ensureNearDuplicateGroups } from "../images/groups";
import { TEST_SPLIT } from "../splits/schemas";
import type { ExportParams } from "./schemas";
import { selectedFollowUps, selectedItems } from "./selection";
import { STRATA_COUNT, stratumIndex } from "./strata";

export interface SplitPlan {
  splitNames: string[];
  /** Assets the plan saw, numbered 0…assetCount-1 (for compact per-image bookkeeping). */
  assetCount: number;
  /** An asset's number; undefined for assets the plan did not see (uploaded since). */
  assetIndex(assetId: string): number | undefined;
  /** The split of a numbered asset's records; -1 when it has none. */
  splitAt(index: number): number;
  /** Records the export will write (follow-ups of selected items). */
  records: number;
  /** Images with records, and the near-duplicate groups they form. */
  images: number;
  groups: number;
  /** Groups kept in test because an image of theirs is frozen there. */
  pinnedGroups: number;
}

export interface PlanInput {
  projectId: string;
  params: ExportParams;
  nearDuplicateThreshold: number;
  /** sha256 of frozen test images (empty unless the export uses the frozen test set). */
  frozen: ReadonlySet<string>;
  signal?: AbortSignal;
}

interface AssetTable {
  index: Map<string, number>;
  sha256: string[];
  /** Near-duplicate group of each asset, numbered 0…groupCount-1 in order of first appearance. */
  groupOf: Int32Array;
  groupCount: number;
}

/**
 * The project's assets, compact (id, sha256, near-duplicate group), in one query. The groups are stored
 * at import (lib/images/groups.ts); they are recomputed first only when stale (a changed threshold).
 * No ORDER BY and no pages: the plan does not depend on the order (group keys are content), and id pages
 * made SQLite sort the project's assets again for every page.
 */
async function scanAssets(db: Db, reads: RawReads, { projectId, nearDuplicateThreshold, signal }: PlanInput): Promise<AssetTable> {
  await ensureNearDuplicateGroups(db, projectId, nearDuplicateThreshold);
  signal?.throwIfAborted();
  const index = new Map<string, number>();
  const sha256: string[] = [];
  const groups: number[] = [];
  const groupNumbers = new Map<string, number>();
  await reads.each<{ id: string; sha256: string; nearDuplicateGroup: string | null }>(
    Prisma.sql`SELECT a."id", a."sha256", a."nearDuplicateGroup" FROM "Asset" a WHERE a."projectId" = ${projectId}`,
    (asset) => {
      index.set(asset.id, sha256.length);
      sha256.push(asset.sha256);
      // Null only for an image imported after the check above by an import at another threshold: alone.
      const group = asset.nearDuplicateGroup ?? asset.id;
      let g = groupNumbers.get(group);
      if (g === undefined) groupNumbers.set(group, (g = groupNumbers.size));
      groups.push(g);
    },
  );
  const groupOf = Int32Array.from(groups);
  return { index, sha256, groupOf, groupCount: groupNumbers.size };
}

/**
 * Selected records per asset and stratum (a flat assets × strata table), counted by the database in one
 * pass: a row per image and answer type comes back, never one per item or record. The follow-ups are
 * counted per item first, in the index's item order (SQLite then sorts items, not four times as many
 * follow-ups, into images).
 */
async function countRecords(reads: RawReads, { projectId, params, signal }: PlanInput, assets: AssetTable) {
  const where = selectedItems(projectId, params.filters, params.variant);
  const followUpWhere = selectedFollowUps(params.filters);
  signal?.throwIfAborted();
  const cells = new Int32Array(assets.sha256.length * STRATA_COUNT);
  let records = 0;
  await reads.each<RecordCountRow>(
    Prisma.sql`
    SELECT p."assetId", p."answerType", SUM(p."misleading") AS "misleading", SUM(p."total") AS "total"
    FROM (
      SELECT i."assetId", i."answerType", SUM(CASE WHEN f."kind" = 'MISLEADING' THEN 1 ELSE 0 END) AS "misleading", COUNT(*) AS "total"
      FROM "Item" i JOIN "FollowUp" f ON f."itemId" = i."id"
      WHERE ${where} AND ${followUpWhere}
      GROUP BY i."id"
    ) p
    GROUP BY p."assetId", p."answerType"`,
    (row) => (records += addRecordCounts(cells, assets.index, row)),
  );
  return { cells, records };
}

export interface RecordCountRow {
  assetId: string;
  answerType: string;
  misleading: number | bigint;
  total: number | bigint;
}

/** Adds an image's counts for one answer type to the assets × strata table; returns its records. */
export function addRecordCounts(cells: Int32Array, assetIndex: ReadonlyMap<string, number>, row: RecordCountRow): number {
  const asset = assetIndex.get(row.assetId);
  if (asset === undefined) return 0; // its image was uploaded after the asset scan
  const misleading = Number(row.misleading);
  const corrective = Number(row.total) - misleading;
  cells[asset * STRATA_COUNT + stratumIndex("MISLEADING", row.answerType)] += misleading;
  cells[asset * STRATA_COUNT + stratumIndex("CORRECTIVE", row.answerType)] += corrective;
  return misleading + corrective;
}

export async function planSplits(db: Db, input: PlanInput): Promise<SplitPlan> {
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
  const { groupOf, groupCount } = assets;

  // A group's key is the smallest sha256 among its images (content, not database ids).
  const keys = new Array<string | undefined>(groupCount);
  const counts = new Float64Array(groupCount * STRATA_COUNT);
  const pinned = new Uint8Array(groupCount);
  const testIndex = params.splits.findIndex((s) => s.name === TEST_SPLIT);
  const pinnable = params.frozenTest && testIndex >= 0;
  let images = 0;
  for (let a = 0; a < n; a++) {
    const g = groupOf[a];
    const sha = assets.sha256[a];
    const key = keys[g];
    if (key === undefined || sha < key) keys[g] = sha;
    if (pinnable && frozen.has(sha)) pinned[g] = 1;
    let has = false;
    for (let k = 0; k < STRATA_COUNT; k++) {
      const c = cells[a * STRATA_COUNT + k];
      counts[g * STRATA_COUNT + k] += c;
      if (c > 0) has = true;
    }
    if (has) images++;
  }
  // Only groups with records take part; a group's position among them, or -1.
  const used: SplitGroup[] = [];
  const usedAt = new Int32Array(groupCount).fill(-1);
  for (let g = 0; g < groupCount; g++) {
    const groupCounts = counts.subarray(g * STRATA_COUNT, (g + 1) * STRATA_COUNT);
    if (!groupCounts.some((c) => c > 0)) continue;
    usedAt[g] = used.length;
    used.push(pinned[g] ? { key: keys[g]!, counts: groupCounts, pinned: testIndex } : { key: keys[g]!, counts: groupCounts });
  }
  const splitOfUsed = assignGroupsToSplits(used, { seed: params.seed, ratios: params.splits.map((s) => s.ratio) });
  const splitOfAsset = new Int8Array(n);
  for (let a = 0; a < n; a++) {
    const u = usedAt[groupOf[a]];
    splitOfAsset[a] = u < 0 ? -1 : splitOfUsed[u];
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
