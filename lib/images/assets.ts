// Read side of the asset browser: keyset pages of a project's assets and near-duplicate lookups.
import type { Db } from "../db/client";
import { InvalidInputError, NotFoundError } from "../errors";
import type { AssetModel as Asset } from "../db";
import { parseProjectSettings } from "../projects/settings";
import { nearDuplicateClusters } from "./clusters";
import { hammingDistance } from "./phash";
import { assetCursorSchema, listAssetsOptionsSchema, type ListAssetsOptions } from "./schemas";

export interface AssetListEntry extends Asset {
  itemCount: number;
  /** filter "near-duplicates" only: the id of the cluster's first asset, the same for every member. */
  clusterKey?: string;
}

export interface AssetPage {
  assets: AssetListEntry[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
}

interface Position {
  createdAt: Date;
  id: string;
}

const SCAN_BATCH = 5_000;
const MAX_GROUP = 500;

export function encodeAssetCursor(position: Position): string {
  return Buffer.from(JSON.stringify({ t: position.createdAt.toISOString(), id: position.id })).toString("base64url");
}

export function decodeAssetCursor(cursor: string): Position {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new InvalidInputError("cursor", "Not a cursor returned by listAssets.");
  }
  const parsed = assetCursorSchema.safeParse(value);
  if (!parsed.success) throw new InvalidInputError("cursor", "Not a cursor returned by listAssets.");
  return { createdAt: new Date(parsed.data.t), id: parsed.data.id };
}

/** Newest first, `limit` per page. Filters: all, assets no item uses yet, assets with a near-duplicate. */
export async function listAssets(db: Db, projectId: string, options: ListAssetsOptions = {}): Promise<AssetPage> {
  const { cursor, limit, filter } = listAssetsOptionsSchema.parse(options);
  const after = cursor ? decodeAssetCursor(cursor) : null;
  if (filter === "near-duplicates") return listNearDuplicateAssets(db, projectId, after, limit);
  const rows = await db.asset.findMany({
    where: {
      projectId,
      ...(filter === "without-items" ? { items: { none: {} } } : {}),
      ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    include: { _count: { select: { items: true } } },
  });
  return page(rows.map(toEntry), limit);
}

/**
 * Assets that have at least one near-duplicate in the project. Hamming distance is not SQL, so the
 * project's hashes are scanned (two short columns, in batches) and clustered in memory; only the
 * page's rows are then read in full.
 */
async function listNearDuplicateAssets(db: Db, projectId: string, after: Position | null, limit: number): Promise<AssetPage> {
  const threshold = await projectThreshold(db, projectId);
  const hashes = await scanHashes(db, projectId);
  const clusterKey = new Map<string, string>();
  for (const cluster of nearDuplicateClusters(hashes, threshold)) {
    if (cluster.length < 2) continue;
    for (const id of cluster) clusterKey.set(id, cluster[0]);
  }
  const ordered = hashes
    .filter((h) => clusterKey.has(h.id))
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const start = after ? ordered.findIndex((h) => isAfter(h, after)) : 0;
  const pageIds = start < 0 ? [] : ordered.slice(start, start + limit + 1).map((h) => h.id);
  const rows = await db.asset.findMany({ where: { id: { in: pageIds } }, include: { _count: { select: { items: true } } } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const entries = pageIds.flatMap((id) => {
    const row = byId.get(id);
    return row ? [{ ...toEntry(row), clusterKey: clusterKey.get(id) }] : [];
  });
  return page(entries, limit);
}

function isAfter(h: Position, after: Position): boolean {
  const t = h.createdAt.getTime();
  const a = after.createdAt.getTime();
  return t < a || (t === a && h.id < after.id);
}

function page(entries: AssetListEntry[], limit: number): AssetPage {
  const assets = entries.slice(0, limit);
  const last = assets[assets.length - 1];
  return { assets, nextCursor: entries.length > limit && last ? encodeAssetCursor(last) : null };
}

function toEntry<T extends Asset & { _count: { items: number } }>(row: T): AssetListEntry {
  const { _count, ...asset } = row;
  return { ...(asset as Asset), itemCount: _count.items };
}

export interface NearDuplicateGroup {
  asset: Asset;
  threshold: number;
  /** The project's other assets within the threshold of this one, nearest first (at most 500). */
  matches: { asset: Asset; distance: number }[];
}

/** The near-duplicates of one asset (direct neighbours, not the transitive cluster); null if it does not exist. */
export async function nearDuplicateGroup(db: Db, assetId: string): Promise<NearDuplicateGroup | null> {
  const asset = await db.asset.findUnique({ where: { id: assetId } });
  if (!asset) return null;
  const threshold = await projectThreshold(db, asset.projectId);
  const near = (await scanHashes(db, asset.projectId))
    .filter((h) => h.id !== asset.id)
    .map((h) => ({ id: h.id, distance: hammingDistance(asset.phash, h.phash) }))
    .filter((m) => m.distance <= threshold)
    .sort((a, b) => a.distance - b.distance || (a.id < b.id ? -1 : 1))
    .slice(0, MAX_GROUP);
  const rows = await db.asset.findMany({ where: { id: { in: near.map((m) => m.id) } } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return {
    asset,
    threshold,
    matches: near.flatMap((m) => {
      const row = byId.get(m.id);
      return row ? [{ asset: row, distance: m.distance }] : [];
    }),
  };
}

async function projectThreshold(db: Db, projectId: string): Promise<number> {
  const project = await db.project.findUnique({ where: { id: projectId }, select: { settings: true } });
  if (!project) throw new NotFoundError("project", projectId, { field: "projectId" });
  return parseProjectSettings(project.settings).nearDuplicateThreshold;
}

async function scanHashes(db: Db, projectId: string): Promise<{ id: string; phash: string; createdAt: Date }[]> {
  const all: { id: string; phash: string; createdAt: Date }[] = [];
  for (let cursor: string | undefined; ; ) {
    const batch = await db.asset.findMany({
      where: { projectId, ...(cursor ? { id: { gt: cursor } } : {}) },
      select: { id: true, phash: true, createdAt: true },
      orderBy: { id: "asc" },
      take: SCAN_BATCH,
    });
    all.push(...batch);
    if (batch.length < SCAN_BATCH) return all;
    cursor = batch[batch.length - 1].id;
  }
}
