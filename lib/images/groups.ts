// Near-duplicate groups stored with the assets (Asset.nearDuplicateGroup), so split planning and the
// "near-duplicates" filter read a column instead of clustering every hash of the project each time.
//
// A group is the union of the images linked by a chain of near-duplicates (distance ≤ the project's
// threshold); its id is its smallest asset id (lib/images/group-builder.ts), so ids are stable and the
// same however the group was built. Project.nearDuplicateGroupsThreshold records the threshold the
// groups are complete for; null means "not grouped".
//
// - Import (insertAsset): with the project's assets locked (SQLite: the write lock; PostgreSQL: the
//   project row, FOR NO KEY UPDATE), the new asset joins its neighbours' groups; when it bridges several, they
//   merge into the smallest id in the same transaction.
// - A changed threshold, and assets older than the column (the migration cannot compute pHash
//   distances in SQL): the groups are recomputed by regroupProject, run by `npx srt images regroup`
//   (lib/images/regroup-job.ts) or lazily by the first reader that finds them stale
//   (ensureNearDuplicateGroups).
import type { Db } from "../db/client";
import { Prisma } from "../db/generated/sqlite/client"; // not "../db": e2e specs seed with lib/seed/demo, outside Next.js (no server-only)
import { recordAudit } from "../audit/record";
import { NotFoundError } from "../errors";
import { lockForWriting, providerOf, type DbProvider } from "../db/provider";
import { parseProjectSettings } from "../projects/settings";
import { GroupBuilder } from "./group-builder";

type Tx = Prisma.TransactionClient;

const ID_CHUNK = 500;
const SCAN_PAGE = 5_000;
const UPDATE_CHUNK = 300;
/** A regroup of a large project holds the lock while it writes: give its transaction time. */
const REGROUP_TX = { maxWait: 60_000, timeout: 30 * 60_000 };

export interface ProjectGroupsLock {
  /** The threshold the project's groups are complete for; null: not grouped. */
  groupedAt: number | null;
  /** The ingestSeq the next asset of the project gets. */
  nextSeq: number;
}

/**
 * Locks the project's assets for grouping until the transaction ends (imports and regroups of a project
 * run one at a time) and reads where its groups stand. On SQLite, call lockForWriting first (imports
 * already do, before their other reads).
 */
export async function lockProjectGroups(tx: Tx, provider: DbProvider, projectId: string): Promise<ProjectGroupsLock> {
  let rows: { t: number | null; seq: number | bigint | null }[];
  if (provider === "postgresql") {
    rows = await tx.$queryRaw`SELECT "nearDuplicateGroupsThreshold" AS "t", NULL AS "seq" FROM "Project" WHERE "id" = ${projectId} FOR NO KEY UPDATE`;
    // A statement of its own, started after the lock was granted: it sees the previous holder's asset.
    if (rows.length > 0) rows[0].seq = (await tx.asset.aggregate({ where: { projectId }, _max: { ingestSeq: true } }))._max.ingestSeq;
  } else {
    // The write lock is already held: one statement reads both.
    rows = await tx.$queryRaw`SELECT p."nearDuplicateGroupsThreshold" AS "t", (SELECT MAX(a."ingestSeq") FROM "Asset" a WHERE a."projectId" = p."id") AS "seq" FROM "Project" p WHERE p."id" = ${projectId}`;
  }
  if (rows.length === 0) throw new NotFoundError("project", projectId, { field: "projectId" });
  return { groupedAt: rows[0].t === null ? null : Number(rows[0].t), nextSeq: Number(rows[0].seq ?? 0) + 1 };
}

export interface JoinedGroup {
  /** The new asset's group; null when the project's groups are not maintained (see markUngrouped). */
  group: string | null;
  /** Groups the new asset bridged, now merged into `group`. */
  merged: string[];
}

/**
 * Puts a just-inserted asset into the group of its near-duplicates (found at `threshold`), merging the
 * groups it bridges. Call in the inserting transaction, with the project locked. When the stored
 * groups were computed at another threshold (the setting changed), they stop being maintained.
 */
export async function joinNearDuplicateGroup(
  tx: Tx,
  input: { projectId: string; assetId: string; neighbours: readonly string[]; threshold: number; groupedAt: number | null },
): Promise<JoinedGroup> {
  const { projectId, assetId, threshold, groupedAt } = input;
  if (groupedAt === null) return { group: null, merged: [] };
  if (groupedAt !== threshold) return markUngrouped(tx, projectId);
  const neighbours = [...new Set(input.neighbours)];
  const groups = new Set<string>();
  for (let i = 0; i < neighbours.length; i += ID_CHUNK) {
    const rows = await tx.asset.findMany({
      where: { projectId, id: { in: neighbours.slice(i, i + ID_CHUNK) } },
      select: { nearDuplicateGroup: true },
      distinct: ["nearDuplicateGroup"],
    });
    for (const row of rows) {
      // Cannot happen while the invariant holds; if it ever does, let a regroup repair it.
      if (row.nearDuplicateGroup === null) return markUngrouped(tx, projectId);
      groups.add(row.nearDuplicateGroup);
    }
  }
  let group = assetId;
  for (const g of groups) if (g < group) group = g;
  const merged = [...groups].filter((g) => g !== group).sort();
  await tx.asset.updateMany({ where: { projectId, OR: [{ id: assetId }, ...(merged.length > 0 ? [{ nearDuplicateGroup: { in: merged } }] : [])] }, data: { nearDuplicateGroup: group } });
  return { group, merged };
}

async function markUngrouped(tx: Tx, projectId: string): Promise<JoinedGroup> {
  await tx.project.update({ where: { id: projectId }, data: { nearDuplicateGroupsThreshold: null } });
  return { group: null, merged: [] };
}

export interface RegroupProgress {
  phase: "reading" | "writing";
  done: number;
  total: number;
}

export interface RegroupOptions {
  /** Defaults to the project's setting. */
  threshold?: number;
  actorId?: string | null;
  signal?: AbortSignal;
  onProgress?: (progress: RegroupProgress) => void | Promise<void>;
}

export interface RegroupResult {
  threshold: number;
  assets: number;
  groups: number;
  /** Assets in a group of two or more. */
  nearDuplicateAssets: number;
  /** Assets whose group id changed. */
  changed: number;
}

/**
 * Recomputes every group of a project from its hashes and stores what changed. The hashes are read and
 * grouped without any lock; then, with the project locked, the assets imported meanwhile are added and
 * the differences written, so concurrent imports are neither blocked for long nor lost.
 */
export async function regroupProject(db: Db, projectId: string, options: RegroupOptions = {}): Promise<RegroupResult> {
  const { signal, onProgress } = options;
  const project = await db.project.findUnique({ where: { id: projectId }, select: { settings: true, nearDuplicateGroupsThreshold: true } });
  if (!project) throw new NotFoundError("project", projectId, { field: "projectId" });
  const threshold = options.threshold ?? parseProjectSettings(project.settings).nearDuplicateThreshold;
  const provider = providerOf(db);
  const total = await db.asset.count({ where: { projectId } });
  const builder = new GroupBuilder(threshold);
  const { _max } = await db.asset.aggregate({ where: { projectId }, _max: { ingestSeq: true } });
  const scannedUpTo = _max.ingestSeq ?? 0;
  const lateScanned = new Set<string>();
  let done = 0;
  for (let after: string | undefined; ; ) {
    signal?.throwIfAborted();
    const page = await db.asset.findMany({
      where: { projectId, ...(after === undefined ? {} : { id: { gt: after } }) },
      select: { id: true, phash: true, ingestSeq: true },
      orderBy: { id: "asc" },
      take: SCAN_PAGE,
    });
    for (const row of page) {
      builder.add(row.id, row.phash);
      if (row.ingestSeq !== null && row.ingestSeq > scannedUpTo) lateScanned.add(row.id);
    }
    done += page.length;
    await onProgress?.({ phase: "reading", done, total });
    if (page.length < SCAN_PAGE) break;
    after = page[page.length - 1].id;
  }
  signal?.throwIfAborted();

  return db.$transaction(async (tx) => {
    await lockForWriting(tx, provider);
    const before = (await lockProjectGroups(tx, provider, projectId)).groupedAt;
    const late = await tx.asset.findMany({ where: { projectId, ingestSeq: { gt: scannedUpTo } }, select: { id: true, phash: true }, orderBy: { ingestSeq: "asc" } });
    for (const row of late) if (!lateScanned.has(row.id)) builder.add(row.id, row.phash);
    const target = builder.groups();
    const sizes = new Map<string, number>();
    for (const group of target.values()) sizes.set(group, (sizes.get(group) ?? 0) + 1);

    // Only rows whose group differs are written (read again under the lock: an import may have moved them).
    const changes: [string, string][] = [];
    for (let after: string | undefined; ; ) {
      const page = await tx.asset.findMany({
        where: { projectId, ...(after === undefined ? {} : { id: { gt: after } }) },
        select: { id: true, nearDuplicateGroup: true },
        orderBy: { id: "asc" },
        take: SCAN_PAGE,
      });
      for (const row of page) {
        const group = target.get(row.id);
        if (group !== undefined && group !== row.nearDuplicateGroup) changes.push([row.id, group]);
      }
      if (page.length < SCAN_PAGE) break;
      after = page[page.length - 1].id;
    }
    for (let i = 0; i < changes.length; i += UPDATE_CHUNK) {
      signal?.throwIfAborted();
      await writeGroups(tx, projectId, changes.slice(i, i + UPDATE_CHUNK));
      await onProgress?.({ phase: "writing", done: Math.min(i + UPDATE_CHUNK, changes.length), total: changes.length });
    }
    await tx.project.update({ where: { id: projectId }, data: { nearDuplicateGroupsThreshold: threshold } });
    const result: RegroupResult = {
      threshold,
      assets: target.size,
      groups: sizes.size,
      nearDuplicateAssets: [...sizes.values()].reduce((n, size) => n + (size > 1 ? size : 0), 0),
      changed: changes.length,
    };
    await recordAudit(tx, {
      actorId: options.actorId ?? null,
      entity: "Project",
      entityId: projectId,
      projectId,
      action: "images.regroup",
      before: { nearDuplicateGroupsThreshold: before },
      after: { nearDuplicateGroupsThreshold: threshold, assets: result.assets, groups: result.groups, changed: result.changed },
    });
    return result;
  }, REGROUP_TX);
}

/** One UPDATE for a chunk of (asset id, group id) pairs. */
async function writeGroups(tx: Tx, projectId: string, pairs: [string, string][]): Promise<void> {
  const cases = Prisma.join(
    pairs.map(([id, group]) => Prisma.sql`WHEN ${id} THEN ${group}`),
    " ",
  );
  const ids = Prisma.join(pairs.map(([id]) => id));
  await tx.$executeRaw`UPDATE "Asset" SET "nearDuplicateGroup" = CASE "id" ${cases} END WHERE "projectId" = ${projectId} AND "id" IN (${ids})`;
}

// Per database client (tests open several), per project and threshold: the regroup under way.
const running = ((globalThis as unknown as { srtRegroups?: WeakMap<Db, Map<string, Promise<unknown>>> }).srtRegroups ??= new WeakMap());

/**
 * Makes sure the project's stored groups are complete for `threshold`, regrouping when they are not
 * (assets older than the column, a changed setting). Concurrent callers in one process share one run.
 */
export async function ensureNearDuplicateGroups(db: Db, projectId: string, threshold: number): Promise<void> {
  // Plain SQL, one statement: a model query of a new shape costs the first caller in a process (an
  // export) a query compilation, more than the check itself. The EXISTS is one index seek.
  const [project] = await db.$queryRaw<{ t: number | bigint | null; ungrouped: boolean | number | bigint }[]>`
    SELECT p."nearDuplicateGroupsThreshold" AS "t",
           EXISTS (SELECT 1 FROM "Asset" a WHERE a."projectId" = p."id" AND a."nearDuplicateGroup" IS NULL) AS "ungrouped"
    FROM "Project" p WHERE p."id" = ${projectId}`;
  if (!project) throw new NotFoundError("project", projectId, { field: "projectId" });
  if (project.t !== null && Number(project.t) === threshold && !Number(project.ungrouped)) return;
  const key = `${projectId}:${threshold}`;
  let runs = running.get(db);
  if (!runs) running.set(db, (runs = new Map()));
  let run = runs.get(key);
  if (!run) {
    const started = regroupProject(db, projectId, { threshold }).finally(() => runs.delete(key));
    runs.set(key, started);
    run = started;
  }
  await run;
}

/**
 * What to tell whoever saved the project's settings when its stored groups no longer match the
 * near-duplicate distance (null when they do, or when there is nothing to regroup yet).
 */
export function regroupHint(project: { slug: string; settings: unknown; nearDuplicateGroupsThreshold: number | null }): string | null {
  const threshold = parseProjectSettings(project.settings).nearDuplicateThreshold;
  if (project.nearDuplicateGroupsThreshold === null || project.nearDuplicateGroupsThreshold === threshold) return null;
  return (
    `The near-duplicate distance changed (${project.nearDuplicateGroupsThreshold} → ${threshold}): near-duplicate groups are recomputed ` +
    `at the next export or near-duplicate listing. For a large project, run \`npx srt images regroup --project ${project.slug}\` now.`
  );
}

/** The project's groups of two or more images, with their sizes (groups must be current: ensureNearDuplicateGroups). */
export async function sharedGroups(db: Db, projectId: string): Promise<Map<string, number>> {
  const rows = await db.asset.groupBy({
    by: ["nearDuplicateGroup"],
    where: { projectId, nearDuplicateGroup: { not: null } },
    having: { nearDuplicateGroup: { _count: { gt: 1 } } },
    _count: { _all: true },
  });
  return new Map(rows.map((r) => [r.nearDuplicateGroup!, r._count._all]));
}
