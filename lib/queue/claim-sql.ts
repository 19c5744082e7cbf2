// The queue's claiming statements, one UPDATE … RETURNING each, with the candidate chosen inside the
// statement, so a claim is atomic by construction rather than by re-checking a candidate read earlier.
// SQLite runs one writer at a time, so the statement cannot race. PostgreSQL's subqueries lock the row
// they pick with FOR UPDATE SKIP LOCKED: concurrent claimers skip rows another claimer is taking instead
// of queueing behind it, and a row changed meanwhile is re-checked against the WHERE before it is taken.
import type { Db } from "../db/client";
import { sqlJsonNumber, type DbProvider } from "../db/provider";
import { Prisma } from "../db/generated/sqlite/client";

type RawDb = Pick<Db, "$queryRaw">;

export interface ClaimTarget {
  projectId: string;
  userId: string;
  now: Date;
  leaseExpiresAt: Date;
}

const skipLocked = (provider: DbProvider) => (provider === "postgresql" ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty);

/**
 * On SQLite, `+col` keeps a column out of index selection: without ANALYZE statistics the planner would
 * rather walk [projectId, status, id] over every DRAFT item than read the user's few rows through
 * [assigneeId, status]. PostgreSQL has statistics (and no unary plus on text).
 */
const noIndex = (provider: DbProvider, column: string) => Prisma.raw(provider === "sqlite" ? `+"${column}"` : `"${column}"`);

/**
 * Work that is already the user's: an item a reviewer sent back to them first, else their held DRAFT
 * (live lease, or assigned by an admin without one). Renews the lease; returns the item and its status.
 * Also the claim's first statement, so on SQLite it takes the write lock before anything is read.
 */
export async function claimOwnWork(db: RawDb, provider: DbProvider, t: ClaimTarget): Promise<{ id: string; status: string } | null> {
  const own = (status: string, extra: Prisma.Sql) => Prisma.sql`
    SELECT "id" FROM "Item"
    WHERE "assigneeId" = ${t.userId} AND "status" = ${Prisma.raw(`'${status}'`)} AND ${noIndex(provider, "projectId")} = ${t.projectId} ${extra}
    ORDER BY "id" LIMIT 1`;
  const rows = await db.$queryRaw<{ id: string; status: string }[]>`
    UPDATE "Item" SET "assigneeId" = ${t.userId}, "leaseExpiresAt" = ${t.leaseExpiresAt}, "updatedAt" = ${new Date()}
    WHERE "id" = COALESCE((${own("CHANGES_REQUESTED", Prisma.empty)}),
                          (${own("DRAFT", Prisma.sql`AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" > ${t.now})`)}))
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
  const pick = (whose: Prisma.Sql) => Prisma.sql`
    SELECT i."id" FROM "Item" i
    WHERE i."projectId" = ${t.projectId} AND i."status" = 'DRAFT' AND i."isGold" = false AND ${whose}
      AND NOT EXISTS (SELECT 1 FROM "GoldAttempt" g WHERE g."itemId" = i."id")
    ORDER BY i."id" LIMIT 1 ${skipLocked(provider)}`;
  const free = Prisma.sql`(i."assigneeId" IS NULL OR (i."leaseExpiresAt" < ${t.now} AND i."assigneeId" <> ${t.userId}))`;
  const skipped = Prisma.sql`i."assigneeId" = ${t.userId} AND i."leaseExpiresAt" < ${t.now}`;
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE "Item" SET "assigneeId" = ${t.userId}, "leaseExpiresAt" = ${t.leaseExpiresAt}, "updatedAt" = ${new Date()}
    WHERE ${onlyWithoutGold ? noGold(provider, t.projectId) : Prisma.sql`TRUE`} AND "id" = COALESCE((${pick(free)}), (${pick(skipped)}))
    RETURNING "id"`;
  return rows[0]?.id ?? null;
}

/** The project's goldEvery setting is 0 or absent (lib/projects/settings.ts), as an SQL condition. */
function noGold(provider: DbProvider, projectId: string): Prisma.Sql {
  return Prisma.sql`(SELECT COALESCE(${sqlJsonNumber(provider, Prisma.sql`"settings"`, "goldEvery")}, 0) FROM "Project" WHERE "id" = ${projectId}) = 0`;
}
