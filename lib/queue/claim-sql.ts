// The queue's claiming statements, with the candidate chosen inside the statement (the common claim's
// INSERT … SELECT of its audit event, or an UPDATE … RETURNING), so a claim is atomic by construction
// rather than by re-checking a candidate read earlier.
// SQLite runs one writer at a time, so the statement cannot race. PostgreSQL's subqueries lock the row
// they pick with FOR UPDATE SKIP LOCKED: concurrent claimers skip rows another claimer is taking instead
// of queueing behind it, and a row changed meanwhile is re-checked against the WHERE before it is taken.
import { pickedAudit } from "../audit/picked";
import type { Db } from "../db/client";
import { sqlJsonNumber, sqlJsonText, sqlNoIndex as noIndex, type DbProvider } from "../db/provider";
import { Prisma } from "../db/generated/sqlite/client";

type RawDb = Pick<Db, "$queryRaw">;

export interface ClaimTarget {
  projectId: string;
  userId: string;
  now: Date;
  leaseExpiresAt: Date;
}

const skipLocked = (provider: DbProvider) => (provider === "postgresql" ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty);
/** The user's own rows are locked without skipping: a second claim of the same user waits, then resumes the same item. */
const forUpdate = (provider: DbProvider) => (provider === "postgresql" ? Prisma.sql`FOR UPDATE` : Prisma.empty);

export type ClaimReason = "changes-requested" | "resumed" | "new";

/** The claim audit's tag for each reason (lib/audit/picked.ts). */
const REASON_TAGS = { c: "changes-requested", r: "resumed", n: "new" } as const satisfies Record<string, ClaimReason>;

/**
 * The whole common claim as two statements run back to back in one transaction (`audit.insert`, then
 * `take`; on PostgreSQL also as one statement, `single`): the first picks the item — the user's own work
 * first, then, if the project serves no gold, the shared pool — and writes the claim's audit event naming
 * it; the second takes the item the event names and returns it. Nothing is written when nothing is picked (own work none, and the pool
 * empty or the project serving gold): the caller then claims the long way (lib/queue/claim.ts).
 * On SQLite the first statement writes, so it holds the write lock before it reads.
 */
export function oneStepClaim(provider: DbProvider, t: ClaimTarget) {
  const leaseExpiresAt = t.leaseExpiresAt;
  const after = (reason: ClaimReason) => ({ assigneeId: t.userId, leaseExpiresAt, reason });
  const audit = pickedAudit(
    provider,
    {
      actorId: t.userId,
      projectId: t.projectId,
      entity: "Item",
      variants: Object.fromEntries(Object.entries(REASON_TAGS).map(([tag, reason]) => [tag, { action: "claim", after: after(reason) }])),
    },
    Prisma.sql`COALESCE(${ownWorkPick(provider, t, "c", "r")}, CASE WHEN ${noGold(provider, t.projectId)} THEN ${poolPick(provider, t, "n")} END)`,
  );
  const set = Prisma.sql`"assigneeId" = ${t.userId}, "leaseExpiresAt" = ${leaseExpiresAt}, "updatedAt" = ${audit.at}`;
  const take = Prisma.sql`
    UPDATE "Item" SET ${set}
    WHERE "id" = ${audit.pickedId}
    RETURNING "id", "status", (SELECT ${sqlJsonText(provider, Prisma.sql`"after"`, "reason")} FROM "AuditEvent" WHERE "id" = ${audit.id}) AS "reason"`;
  // PostgreSQL runs both as one statement: the UPDATE takes the item the INSERT's RETURNING names.
  const single =
    provider === "postgresql"
      ? Prisma.sql`
    WITH "claim" AS (${audit.insert} RETURNING "entityId", "after")
    UPDATE "Item" SET ${set} FROM "claim" WHERE "Item"."id" = "claim"."entityId"
    RETURNING "Item"."id", "Item"."status", ${sqlJsonText(provider, Prisma.sql`"claim"."after"`, "reason")} AS "reason"`
      : null;
  return { audit, take, single };
}

/** The row the one-step claim's second statement returns, as a claim. */
export function claimedRow(row: { id: string; status: unknown; reason: unknown } | undefined): { id: string; status: string; reason: ClaimReason } | null {
  if (!row) return null;
  const reason = Object.values(REASON_TAGS).find((r) => r === row.reason);
  if (!reason) throw new Error(`claim audit without a known reason: ${String(row.reason)}`);
  return { id: row.id, status: String(row.status), reason };
}

/** SQL yielding `tag` + the id of the user's own work: a CHANGES_REQUESTED item (tag `sent`), else a held DRAFT (tag `held`). */
function ownWorkPick(provider: DbProvider, t: ClaimTarget, sent: string, held: string): Prisma.Sql {
  const own = (tag: string, status: string, extra: Prisma.Sql) => Prisma.sql`(
    SELECT ${Prisma.raw(`'${tag}'`)} || "id" FROM "Item"
    WHERE "assigneeId" = ${t.userId} AND "status" = ${Prisma.raw(`'${status}'`)} AND ${noIndex(provider, "projectId")} = ${t.projectId} ${extra}
    ORDER BY "id" LIMIT 1 ${forUpdate(provider)})`;
  return Prisma.sql`COALESCE(${own(sent, "CHANGES_REQUESTED", Prisma.empty)}, ${own(held, "DRAFT", Prisma.sql`AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" > ${t.now})`)})`;
}

/** SQL yielding `tag` + the id of the shared pool's next item for the user (see claimFromPool), or NULL. */
function poolPick(provider: DbProvider, t: ClaimTarget, tag: string): Prisma.Sql {
  const pick = (whose: Prisma.Sql, projectIndexed: boolean) => Prisma.sql`(
    SELECT ${Prisma.raw(`'${tag}'`)} || i."id" FROM "Item" i
    WHERE ${projectIndexed ? Prisma.sql`i."projectId"` : noIndex(provider, "projectId", "i")} = ${t.projectId} AND i."status" = 'DRAFT' AND i."isGold" = false AND ${whose}
      AND NOT EXISTS (SELECT 1 FROM "GoldAttempt" g WHERE g."itemId" = i."id")
    ORDER BY i."id" LIMIT 1 ${skipLocked(provider)})`;
  // The skipped items are the user's own few: found through [assigneeId, status], not by walking the pool.
  return Prisma.sql`COALESCE(${pick(poolFree(t), true)}, ${pick(poolSkipped(t), false)})`;
}

const poolFree = (t: ClaimTarget) => Prisma.sql`(i."assigneeId" IS NULL OR (i."leaseExpiresAt" < ${t.now} AND i."assigneeId" <> ${t.userId}))`;
const poolSkipped = (t: ClaimTarget) => Prisma.sql`i."assigneeId" = ${t.userId} AND i."leaseExpiresAt" < ${t.now}`;

/**
 * Work that is already the user's: an item a reviewer sent back to them first, else their held DRAFT
 * (live lease, or assigned by an admin without one). Renews the lease; returns the item and its status.
 * Also the claim's first statement, so on SQLite it takes the write lock before anything is read.
 */
export async function claimOwnWork(db: RawDb, provider: DbProvider, t: ClaimTarget): Promise<{ id: string; status: string } | null> {
  const rows = await db.$queryRaw<{ id: string; status: string }[]>`
    UPDATE "Item" SET "assigneeId" = ${t.userId}, "leaseExpiresAt" = ${t.leaseExpiresAt}, "updatedAt" = ${new Date()}
    WHERE "id" = substr(${ownWorkPick(provider, t, "c", "r")}, 2)
    RETURNING "id", "status"`;
  return rows[0] ? { id: rows[0].id, status: String(rows[0].status) } : null;
}

/**
 * The shared pool: the oldest DRAFT item nobody holds (unassigned, or someone else's expired lease),
 * else — a last resort — one this user skipped. Never gold items nor gold copies. Cuid ids grow with
 * creation time, and the [projectId, status, id] index yields the candidates in id order without sorting.
 * `onlyWithoutGold`: claim only if the project serves no gold (checked in the same statement), so the
 * common case needs no separate read of the project's settings.
 */
export async function claimFromPool(db: RawDb, provider: DbProvider, t: ClaimTarget, onlyWithoutGold = false): Promise<string | null> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE "Item" SET "assigneeId" = ${t.userId}, "leaseExpiresAt" = ${t.leaseExpiresAt}, "updatedAt" = ${new Date()}
    WHERE ${onlyWithoutGold ? noGold(provider, t.projectId) : Prisma.sql`TRUE`} AND "id" = substr(${poolPick(provider, t, "n")}, 2)
    RETURNING "id"`;
  return rows[0]?.id ?? null;
}

/** The project's goldEvery setting is 0 or absent (lib/projects/settings.ts), as an SQL condition. */
function noGold(provider: DbProvider, projectId: string): Prisma.Sql {
  return Prisma.sql`(SELECT COALESCE(${sqlJsonNumber(provider, Prisma.sql`"settings"`, "goldEvery")}, 0) FROM "Project" WHERE "id" = ${projectId}) = 0`;
}
