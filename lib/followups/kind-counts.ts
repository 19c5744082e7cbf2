// A whole project's follow-ups per kind, read from the counts the database keeps (FollowUpKindCount: a few
// rows per project and kind, one per shard, kept exact by triggers on FollowUp and Item,
// prisma/migrations/*/*_follow_up_kind_counts) instead of reading every follow-up of the project.
import type { Db } from "../db/client";
import { FollowUpKind, Prisma } from "../db/generated/sqlite/client";

export type KindCounts = Record<FollowUpKind, number>;

export function noKindCounts(): KindCounts {
  return Object.fromEntries(Object.values(FollowUpKind).map((k) => [k, 0])) as KindCounts;
}

const isFollowUpKind = (kind: string): kind is FollowUpKind => Object.hasOwn(FollowUpKind, kind);

/** Every follow-up of the project per kind, gold copies' included (the counters as kept). */
export async function allFollowUpKindCounts(db: Db, projectId: string): Promise<KindCounts> {
  const rows = await db.followUpKindCount.findMany({ where: { projectId }, select: { kind: true, followUps: true } });
  const counts = noKindCounts();
  for (const row of rows) counts[row.kind] += row.followUps; // a kind's shards
  return counts;
}

/**
 * The project's follow-ups per kind without the gold copies' (lib/items/gold-copies.ts), as the project
 * page shows them: the counters less the copies' follow-ups, found through the project's gold attempts
 * (one copy each; a few per annotator, however many follow-ups the project has). Like
 * projectItemStatusCounts (lib/items/status-counts.ts).
 */
export async function projectFollowUpKindCounts(db: Db, projectId: string): Promise<KindCounts> {
  const [counts, copies] = await Promise.all([allFollowUpKindCounts(db, projectId), goldCopyKindCounts(db, projectId)]);
  for (const [kind, n] of copies) counts[kind] -= n;
  return counts;
}

async function goldCopyKindCounts(db: Db, projectId: string): Promise<Array<[FollowUpKind, number]>> {
  const rows = await db.$queryRaw<Array<{ kind: string; followUps: unknown }>>(Prisma.sql`
    SELECT f."kind" AS "kind", CAST(COUNT(*) AS INTEGER) AS "followUps"
    FROM "GoldAttempt" g JOIN "Item" i ON i."id" = g."itemId" JOIN "FollowUp" f ON f."itemId" = g."itemId"
    WHERE g."projectId" = ${projectId} AND i."projectId" = ${projectId}
    GROUP BY f."kind"`);
  return rows.filter((r) => isFollowUpKind(r.kind)).map((r) => [r.kind as FollowUpKind, Number(r.followUps)]);
}
