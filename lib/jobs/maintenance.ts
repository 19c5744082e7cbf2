// The maintenance job: one Job row with a fixed id, so at most one exists and the ordinary claim gives it
// to one worker at a time, however many instances run. Every worker that runs the kind looks now and then
// whether it is due (finished more than an interval ago) and queues it again in one conditional UPDATE:
// when two look at once, only one UPDATE matches. Its handler: lib/jobs/maintenance-job.ts.
import type { Db } from "../db/client";
import { isUniqueViolation } from "../images/ingest";

export const MAINTENANCE_KIND = "maintenance";
export const MAINTENANCE_JOB_ID = "maintenance";
/** How often the maintenance job runs. */
export const MAINTENANCE_INTERVAL_MS = 60 * 60 * 1000;
/** How often a worker looks whether it is due (a read of one row by primary key). */
export const MAINTENANCE_CHECK_MS = 60 * 1000;

/** Queues the maintenance job when it is due; true when this call queued it. */
export async function scheduleMaintenance(db: Db, { now = new Date(), intervalMs = MAINTENANCE_INTERVAL_MS } = {}): Promise<boolean> {
  const current = await db.job.findUnique({ where: { id: MAINTENANCE_JOB_ID }, select: { status: true, finishedAt: true } });
  if (!current) {
    try {
      await db.job.create({ data: { id: MAINTENANCE_JOB_ID, kind: MAINTENANCE_KIND, params: {}, maxAttempts: 1, runAt: now } });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false; // another worker created it first
      throw error;
    }
  }
  if (current.status === "QUEUED" || current.status === "RUNNING") return false;
  const { count } = await db.job.updateMany({
    where: { id: MAINTENANCE_JOB_ID, status: { in: ["SUCCEEDED", "FAILED", "CANCELLED"] }, finishedAt: { lt: new Date(now.getTime() - intervalMs) } },
    data: { status: "QUEUED", runAt: now, attempts: 0, error: null, cancelRequested: false, lockedBy: null, leaseExpiresAt: null, heartbeatAt: null, startedAt: null, finishedAt: null, done: 0, total: 0 },
  });
  return count === 1;
}
