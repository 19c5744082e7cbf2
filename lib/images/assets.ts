// Read side of the asset browser: keyset pages of a project's assets and near-duplicate lookups.
import type { Db } from "../db/client";
import { InvalidInputError, NotFoundError } from "../errors";
import type { AssetModel as Asset } from "../db";
import { parseProjectSettings } from "../projects/settings";
import { ensureNearDuplicateGroups, sharedGroups } from "./groups";
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
const GROUP_CHUNK = 500;

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
 * Assets that have at least one near-duplicate in the project: the members of the stored groups of two
 * or more (lib/images/groups.ts), newest first; only the page's rows are then read in full.
 */
async function listNearDuplicateAssets(db: Db, projectId: string, after: Position | null, limit: number): Promise<AssetPage> {
  await ensureNearDuplicateGroups(db, projectId, await projectThreshold(db, projectId));
  const groups = [...(await sharedGroups(db, projectId)).keys()];
  const members: { id: string; createdAt: Date; nearDuplicateGroup: string | null }[] = [];
  for (let i = 0; i < groups.length; i += GROUP_CHUNK) {
    members.push(
      ...(await db.asset.findMany({
        where: { projectId, nearDuplicateGroup: { in: groups.slice(i, i + GROUP_CHUNK) } },
        select: { id: true, createdAt: true, nearDuplicateGroup: true },
      })),
    );
  }
  const ordered = members.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const start = after ? ordered.findIndex((h) => isAfter(h, after)) : 0;
  const pageRows = start < 0 ? [] : ordered.slice(start, start + limit + 1);
  const rows = await db.asset.findMany({ where: { id: { in: pageRows.map((h) => h.id) } }, include: { _count: { select: { items: true } } } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  const entries = pageRows.flatMap((h) => {
    const row = byId.get(h.id);
    // The group id is its smallest asset id: the same key for every member.
    return row ? [{ ...toEntry(row), clusterKey: h.nearDuplicateGroup! }] : [];
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
