// A worker's hold on a running job: renewed by heartbeats and progress; every write a worker makes to a
// job it runs is guarded by `lockedBy`, so a worker that lost the job (taken over) changes nothing.
import type { Db } from "../db/client";
import { providerOf } from "../db/provider";
import { sqlLater, sqlNow } from "./sql-time";

export interface LeaseState {
  /** False when another worker took the job over, or it is no longer running. */
  held: boolean;
  cancelRequested: boolean;
}

export async function renewLease(db: Db, jobId: string, workerId: string, leaseMs: number): Promise<LeaseState> {
  const provider = providerOf(db);
  const rows = await db.$queryRaw<{ cancelRequested: boolean | number }[]>`
    UPDATE "Job" SET "leaseExpiresAt" = ${sqlLater(provider, leaseMs)}, "heartbeatAt" = ${sqlNow(provider)}
    WHERE "id" = ${jobId} AND "lockedBy" = ${workerId} AND "status" = 'RUNNING'
    RETURNING "cancelRequested"`;
  if (rows.length === 0) return { held: false, cancelRequested: false };
  return { held: true, cancelRequested: Boolean(rows[0].cancelRequested) };
}

/** Gives a running job back to the queue (a stopping worker): another worker starts it again; this attempt does not count. */
export async function releaseJob(db: Db, jobId: string, workerId: string): Promise<boolean> {
  const { count } = await db.job.updateMany({
    where: { id: jobId, lockedBy: workerId, status: "RUNNING" },
    data: { status: "QUEUED", lockedBy: null, leaseExpiresAt: null, attempts: { decrement: 1 } },
  });
  return count === 1;
}
