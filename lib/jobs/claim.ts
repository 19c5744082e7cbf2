// Taking the next job, in one statement, so two workers never take the same one: the candidate is
// chosen inside the UPDATE. PostgreSQL skips rows another worker is locking (FOR UPDATE SKIP LOCKED);
// SQLite runs one writing statement at a time. A RUNNING job whose lease ran out (its worker died) is
// a candidate too: it is taken over with its attempts counted.
import type { Db } from "../db/client";
import type { JobModel as Job } from "../db";
import { Prisma } from "../db/generated/sqlite/client";
import { providerOf } from "../db/provider";
import { sqlLater, sqlNow } from "./sql-time";

export interface ClaimOptions {
  workerId: string;
  /** Only jobs of these kinds (the ones this worker can run). */
  kinds: string[];
  leaseMs: number;
}

/** The next due job of one of `kinds`, now RUNNING under workerId with a fresh lease; null when none. */
export async function claimNextJob(db: Db, { workerId, kinds, leaseMs }: ClaimOptions): Promise<Job | null> {
  if (kinds.length === 0) return null;
  const provider = providerOf(db);
  const now = sqlNow(provider);
  const skipLocked = provider === "postgresql" ? Prisma.sql`FOR UPDATE SKIP LOCKED` : Prisma.empty;
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE "Job"
    SET "status" = 'RUNNING', "attempts" = "attempts" + 1, "lockedBy" = ${workerId},
        "leaseExpiresAt" = ${sqlLater(provider, leaseMs)}, "heartbeatAt" = ${now}, "startedAt" = COALESCE("startedAt", ${now})
    WHERE "id" = (
      SELECT "id" FROM "Job"
      WHERE "kind" IN (${Prisma.join(kinds)})
        AND (("status" = 'QUEUED' AND "runAt" <= ${now})
          OR ("status" = 'RUNNING' AND "leaseExpiresAt" < ${now} AND "attempts" < "maxAttempts"))
      ORDER BY "priority" DESC, "runAt" ASC, "createdAt" ASC, "id" ASC
      LIMIT 1 ${skipLocked}
    )
    RETURNING "id"`;
  const id = rows[0]?.id;
  return id ? db.job.findUnique({ where: { id } }) : null;
}

/**
 * Jobs whose worker died on their last allowed attempt: FAILED for good, with why. Returns them so the
 * kind can mirror the outcome (JobKind.onFailed).
 */
export async function failAbandonedJobs(db: Db, kinds: string[]): Promise<Job[]> {
  if (kinds.length === 0) return [];
  const provider = providerOf(db);
  const now = sqlNow(provider);
  const rows = await db.$queryRaw<{ id: string }[]>`
    UPDATE "Job"
    SET "status" = 'FAILED', "error" = ${ABANDONED_ERROR}, "lockedBy" = NULL, "leaseExpiresAt" = NULL, "finishedAt" = ${now}
    WHERE "kind" IN (${Prisma.join(kinds)}) AND "status" = 'RUNNING' AND "leaseExpiresAt" < ${now} AND "attempts" >= "maxAttempts"
    RETURNING "id"`;
  if (rows.length === 0) return [];
  return db.job.findMany({ where: { id: { in: rows.map((r) => r.id) } } });
}

export const ABANDONED_ERROR = "the worker running its last attempt stopped responding (lease expired)";
