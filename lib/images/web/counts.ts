// The asset browser's filter counts: all assets, those no item uses yet, those with a near-duplicate.
import type { Db } from "../../db/client";
import { parseProjectSettings } from "../../projects/settings";
import { nearDuplicateClusters } from "../clusters";

export interface AssetCounts {
  all: number;
  withoutItems: number;
  nearDuplicates: number;
}

const SCAN_BATCH = 5_000;

export async function assetCounts(db: Db, projectId: string): Promise<AssetCounts> {
  const [all, withoutItems, nearDuplicates] = await Promise.all([
    db.asset.count({ where: { projectId } }),
    db.asset.count({ where: { projectId, items: { none: {} } } }),
    countNearDuplicates(db, projectId),
  ]);
  return { all, withoutItems, nearDuplicates };
}

/** Assets in a near-duplicate cluster of two or more (the same set the "near-duplicates" filter lists). */
export async function countNearDuplicates(db: Db, projectId: string): Promise<number> {
  const project = await db.project.findUnique({ where: { id: projectId }, select: { settings: true } });
  if (!project) return 0;
  const threshold = parseProjectSettings(project.settings).nearDuplicateThreshold;
  const hashes: { id: string; phash: string }[] = [];
  for (let cursor: string | undefined; ; ) {
    const batch = await db.asset.findMany({
      where: { projectId, ...(cursor ? { id: { gt: cursor } } : {}) },
      select: { id: true, phash: true },
      orderBy: { id: "asc" },
      take: SCAN_BATCH,
    });
    hashes.push(...batch);
    if (batch.length < SCAN_BATCH) break;
    cursor = batch[batch.length - 1].id;
  }
  return nearDuplicateClusters(hashes, threshold).reduce((n, cluster) => n + (cluster.length > 1 ? cluster.length : 0), 0);
}
