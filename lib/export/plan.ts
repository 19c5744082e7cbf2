// Split planning before any record is written: a compact scan of the project's assets (near-duplicate
// groups) and of the selected items (records per stratum), then one split per group. Memory grows
// with the number of images, not of records.
import type { Db } from "../db/client";
import { assignGroupsToSplits, type SplitGroup } from "../splits/assign";
import { nearDuplicateRoots } from "../splits/near-duplicates";
import { TEST_SPLIT } from "../splits/schemas";
import { meetsMinScore, summarizeReviews } from "./review-summary";
import type { ExportParams } from "./schemas";
import { itemWhere, reviewOrder, reviewSelect } from "./selection";
import { STRATA_COUNT, stratumIndex } from "./strata";

const ASSET_PAGE = 5000;
const ITEM_PAGE = 2000;

export interface SplitPlan {
  splitNames: string[];
  /** The split index of an asset's records; undefined for assets the plan did not see. */
  splitOf(assetId: string): number | undefined;
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
  /** Near-duplicate root (smallest index of the group) per asset. */
  roots: Int32Array;
}

async function scanAssets(db: Db, projectId: string, threshold: number, signal?: AbortSignal): Promise<AssetTable> {
  const index = new Map<string, number>();
  const sha256: string[] = [];
  const phashes: string[] = [];
  let after: string | undefined;
  for (;;) {
    signal?.throwIfAborted();
    const page = await db.asset.findMany({
      where: { projectId, ...(after === undefined ? {} : { id: { gt: after } }) },
      select: { id: true, sha256: true, phash: true },
      orderBy: { id: "asc" },
      take: ASSET_PAGE,
    });
    for (const asset of page) {
      index.set(asset.id, sha256.length);
      sha256.push(asset.sha256);
      phashes.push(asset.phash);
    }
    if (page.length < ASSET_PAGE) break;
    after = page[page.length - 1].id;
  }
  return { index, sha256, roots: nearDuplicateRoots(phashes, threshold) };
}

/** Records per asset and stratum (a flat assets × strata table) over the selected items. */
async function scanStrata(db: Db, input: PlanInput, assets: AssetTable): Promise<{ cells: Int32Array; records: number }> {
  const { projectId, params, signal } = input;
  const cells = new Int32Array(assets.sha256.length * STRATA_COUNT);
  const minScore = params.filters.minScore;
  let records = 0;
  let after: string | undefined;
  for (;;) {
    signal?.throwIfAborted();
    const page = await db.item.findMany({
      where: { ...itemWhere(projectId, params.filters, params.variant), ...(after === undefined ? {} : { id: { gt: after } }) },
      select: {
        id: true,
        assetId: true,
        answerType: true,
        followUps: { select: { kind: true } },
        ...(minScore === null ? {} : { reviews: { select: reviewSelect, orderBy: reviewOrder } }),
      },
      orderBy: { id: "asc" },
      take: ITEM_PAGE,
    });
    for (const item of page) {
      const a = assets.index.get(item.assetId);
      if (a === undefined) continue; // uploaded after the asset scan: not part of this export
      if (minScore !== null && !meetsMinScore(summarizeReviews("reviews" in item ? item.reviews : []), minScore)) continue;
      for (const followUp of item.followUps) {
        cells[a * STRATA_COUNT + stratumIndex(followUp.kind, item.answerType)]++;
        records++;
      }
    }
    if (page.length < ITEM_PAGE) break;
    after = page[page.length - 1].id;
  }
  return { cells, records };
}

export async function planSplits(db: Db, input: PlanInput): Promise<SplitPlan> {
  const { params, frozen } = input;
  const assets = await scanAssets(db, input.projectId, input.nearDuplicateThreshold, input.signal);
  const { cells, records } = await scanStrata(db, input, assets);
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
  return {
    splitNames: params.splits.map((s) => s.name),
    splitOf(assetId) {
      const a = assets.index.get(assetId);
      return a === undefined || splitOfAsset[a] < 0 ? undefined : splitOfAsset[a];
    },
    records,
    images,
    groups: used.length,
    pinnedGroups: used.filter((g) => g.pinned !== undefined).length,
  };
}
