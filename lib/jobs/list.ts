// Jobs as the admin's jobs list shows them: newest first, with project, progress, attempts and worker.
import type { Db } from "../db/client";
import type { JobStatus } from "../db";

export const JOB_STATUS_LABELS: Record<JobStatus, string> = {
  QUEUED: "queued",
  RUNNING: "running",
  SUCCEEDED: "succeeded",
  FAILED: "failed",
  CANCELLED: "cancelled",
};

export interface JobView {
  id: string;
  kind: string;
  project: { slug: string; name: string } | null;
  status: JobStatus;
  statusLabel: string;
  attempts: number;
  maxAttempts: number;
  done: number;
  total: number;
  /** 0–100, whole; 100 once SUCCEEDED. */
  percent: number;
  lockedBy: string | null;
  error: string | null;
  cancelRequested: boolean;
  createdBy: string | null;
  createdAt: string;
  finishedAt: string | null;
}

export const isJobActive = (status: JobStatus) => status === "QUEUED" || status === "RUNNING";

export async function listJobs(db: Db, { limit = 100 }: { limit?: number } = {}): Promise<JobView[]> {
  const jobs = await db.job.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: Math.max(1, Math.min(500, Math.floor(limit))),
    include: { project: { select: { slug: true, name: true } }, createdBy: { select: { name: true } } },
  });
  return jobs.map((job) => ({
    id: job.id,
    kind: job.kind,
    project: job.project,
    status: job.status,
    statusLabel: JOB_STATUS_LABELS[job.status],
    attempts: job.attempts,
    maxAttempts: job.maxAttempts,
    done: job.done,
    total: job.total,
    percent: job.status === "SUCCEEDED" ? 100 : job.total > 0 ? Math.min(100, Math.floor((job.done / job.total) * 100)) : 0,
    lockedBy: job.lockedBy,
    error: job.error,
    cancelRequested: job.cancelRequested,
    createdBy: job.createdBy?.name ?? null,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt?.toISOString() ?? null,
  }));
}
