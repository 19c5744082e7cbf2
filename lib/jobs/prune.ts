// Deleting old finished Job rows, so the queue table stays small: SUCCEEDED and CANCELLED jobs after
// Retention.finishedJobsMs, FAILED ones after the longer Retention.failedJobsMs. Jobs are deleted in
// batches (one short write transaction each), each deletion audited. A Job still named by an ExportJob or
// EvalRun that is queued or running is kept whatever its status: those rows mirror it and may still read
// it (cancel, resume). Finished ExportJobs and EvalRuns keep their own status, so their Job is history.
import { recordAuditMany } from "../audit/record";
import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/sqlite/client";
import { lockForWriting, providerOf } from "../db/provider";
import type { Retention } from "./retention";

export const PRUNE_BATCH_SIZE = 500;

export interface PruneOptions {
  retention: Pick<Retention, "finishedJobsMs" | "failedJobsMs">;
  now?: Date;
  batchSize?: number;
}

/** Deletes the Job rows past their retention; returns how many. */
export async function pruneFinishedJobs(db: Db, { retention, now = new Date(), batchSize = PRUNE_BATCH_SIZE }: PruneOptions): Promise<number> {
  const finishedBefore = new Date(now.getTime() - retention.finishedJobsMs);
  const failedBefore = new Date(now.getTime() - retention.failedJobsMs);
  // finishedAt is set on every way a job ends; createdAt covers rows written before it was.
  const endedBefore = (before: Date): Prisma.JobWhereInput => ({ OR: [{ finishedAt: { lt: before } }, { finishedAt: null, createdAt: { lt: before } }] });
  const due: Prisma.JobWhereInput = {
    OR: [
      { status: { in: ["SUCCEEDED", "CANCELLED"] }, ...endedBefore(finishedBefore) },
      { status: "FAILED", ...endedBefore(failedBefore) },
    ],
  };
  let deleted = 0;
  for (;;) {
    const batch = await db.$transaction(async (tx) => {
      await lockForWriting(tx, providerOf(db)); // reads, then writes
      const keep = await jobsStillMirrored(tx);
      const jobs = await tx.job.findMany({ where: { AND: [due, { id: { notIn: keep } }] }, select: { id: true, kind: true, status: true, projectId: true, finishedAt: true }, take: batchSize });
      if (jobs.length === 0) return 0;
      await tx.job.deleteMany({ where: { id: { in: jobs.map((j) => j.id) } } });
      await recordAuditMany(
        tx,
        jobs.map((j) => ({ actorId: null, projectId: j.projectId, entity: "Job", entityId: j.id, action: "prune", before: { kind: j.kind, status: j.status, finishedAt: j.finishedAt } })),
      );
      return jobs.length;
    });
    deleted += batch;
    if (batch < batchSize) return deleted;
  }
}

/** Jobs named by a queued or running ExportJob or EvalRun (few: only the active ones). */
async function jobsStillMirrored(tx: Prisma.TransactionClient): Promise<string[]> {
  const active = { in: ["QUEUED", "RUNNING"] };
  const [exports, runs] = await Promise.all([
    tx.exportJob.findMany({ where: { status: active as Prisma.EnumExportStatusFilter, jobId: { not: null } }, select: { jobId: true } }),
    tx.evalRun.findMany({ where: { status: active, jobId: { not: null } }, select: { jobId: true } }),
  ]);
  return [...exports, ...runs].map((row) => row.jobId!);
}
