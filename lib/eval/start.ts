// Resuming a run that stopped (failed or cancelled; a run whose worker died is taken over by the job
// system instead): back to QUEUED, stored conversations kept, so its next job asks only the rest.
import { recordAudit } from "../audit/record";
import type { Db } from "../db/client";
import { lockForWriting, providerOf } from "../db/provider";
import { ConflictError, NotFoundError } from "../errors";
import { enqueueJob } from "../jobs/enqueue";
import { nudgeWorkers } from "../jobs/nudge";
import { evalRunQueue } from "./run-schemas";

export interface ReopenEvalRunInput {
  projectId: string;
  runId: string;
  userId: string | null;
  /** Queue a new "eval-run" Job for it (the web); without, the caller runs the job itself (the CLI, runJobHere). */
  queue?: boolean;
  now?: Date;
}

/**
 * Puts a failed or cancelled run back in the queue. A RUNNING run is refused while its Job holds a live
 * lease (a worker runs it, or will take it over); one whose Job is dead for good (a foreground run that
 * stopped, whose lease ran out) is reopened too, its old Job marked FAILED.
 */
export async function reopenEvalRun(db: Db, input: ReopenEvalRunInput): Promise<void> {
  const now = input.now ?? new Date();
  await db.$transaction(async (tx) => {
    await lockForWriting(tx, providerOf(db)); // reads, then writes
    const run = await tx.evalRun.findFirst({ where: { id: input.runId, projectId: input.projectId }, select: { id: true, status: true, jobId: true } });
    if (!run) throw new NotFoundError("evaluation run", input.runId, { field: "runId" });
    if (run.status === "SUCCEEDED") throw new ConflictError("The run is finished: nothing to resume.");
    if (run.status === "QUEUED" || run.status === "RUNNING") {
      const job = run.jobId ? await tx.job.findUnique({ where: { id: run.jobId }, select: { status: true, attempts: true, maxAttempts: true, leaseExpiresAt: true } }) : null;
      const queued = job?.status === "QUEUED";
      const running = job?.status === "RUNNING" && (job.attempts < job.maxAttempts || (job.leaseExpiresAt !== null && job.leaseExpiresAt > now));
      if (queued || running) throw new ConflictError("The run is still queued or running.");
      if (job?.status === "RUNNING") await tx.job.update({ where: { id: run.jobId! }, data: { status: "FAILED", error: "interrupted", finishedAt: now, lockedBy: null } });
    }
    const job = input.queue ? await enqueueJob(tx, evalRunQueue, { runId: run.id }, { projectId: input.projectId, createdById: input.userId }) : null;
    await tx.evalRun.update({ where: { id: run.id }, data: { status: "QUEUED", error: null, finishedAt: null, ...(job && { jobId: job.id }) } });
    await recordAudit(tx, { actorId: input.userId, entity: "EvalRun", entityId: run.id, projectId: input.projectId, action: "eval.resume" });
  });
  if (input.queue) nudgeWorkers();
}
