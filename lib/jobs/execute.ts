// Runs one job this worker holds: builds its JobContext, renews the lease by heartbeat, turns a cancel
// request (from any instance) or a lost lease into an abort of the handler's signal, and records the
// outcome: SUCCEEDED, CANCELLED, QUEUED again for a retry (after a back-off), or FAILED for good.
import type { Db } from "../db/client";
import type { JobModel as Job, Prisma } from "../db";
import { parseJobParams } from "./enqueue";
import { JobCancelledError, JobInterruptedError, PermanentJobError } from "./errors";
import { releaseJob, renewLease } from "./lease";
import type { JobContext, JobKind } from "./types";

export interface ExecuteJobOptions {
  workerId: string;
  leaseMs: number;
  /** Lease renewal interval (default a third of the lease). */
  heartbeatMs?: number;
  /** At most one progress write per this many ms. */
  progressMs: number;
  /** Wait before the next attempt after a failed one. */
  retryDelayMs: (attempt: number) => number;
  /** Aborted when the worker stops for good: the job is released to the queue and the handler interrupted. */
  interrupt?: AbortSignal;
  /** Also aborts the handler (the CLI's Ctrl-C in runJobHere); the job ends CANCELLED. */
  cancel?: AbortSignal;
  onProgress?: (done: number, total: number, detail: unknown) => void;
  log: (message: string) => void;
}

export type JobOutcome = "SUCCEEDED" | "CANCELLED" | "RETRY" | "FAILED" | "LOST";

export interface ExecutedJob {
  outcome: JobOutcome;
  result?: unknown;
  error?: unknown;
}

const MAX_ERROR_LENGTH = 2000;
const describe = (error: unknown) => (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_LENGTH);

export async function executeJob(db: Db, kind: JobKind, job: Job, options: ExecuteJobOptions): Promise<ExecutedJob> {
  const { workerId, leaseMs } = options;
  const controller = new AbortController();
  let lost = false;
  const abort = (reason: Error) => {
    if (!controller.signal.aborted) controller.abort(reason);
  };
  const cancelled = () => abort(new JobCancelledError());
  const interrupted = () => {
    lost = true;
    abort(new JobInterruptedError());
  };
  if (job.cancelRequested) cancelled();
  const onCancel = () => cancelled();
  options.cancel?.addEventListener("abort", onCancel, { once: true });
  let released: Promise<unknown> = Promise.resolve();
  const onInterrupt = () => {
    // Give the job back first, so nothing the handler writes afterwards counts.
    released = releaseJob(db, job.id, workerId).catch(() => false);
    interrupted();
  };
  options.interrupt?.addEventListener("abort", onInterrupt, { once: true });

  const heartbeat = async () => {
    try {
      const lease = await renewLease(db, job.id, workerId, leaseMs);
      if (!lease.held) interrupted();
      else if (lease.cancelRequested) cancelled();
    } catch (error) {
      // The database may be briefly unreachable; the lease lasts several heartbeats.
      options.log(`job ${job.id}: heartbeat failed: ${describe(error)}`);
    }
  };
  const timer = setInterval(() => void heartbeat(), options.heartbeatMs ?? Math.max(50, Math.floor(leaseMs / 3)));

  let latest: { done: number; total: number; detail: unknown } = { done: job.done, total: job.total, detail: undefined };
  let lastWrite = 0;
  const context: JobContext<unknown> = {
    jobId: job.id,
    params: undefined,
    projectId: job.projectId,
    createdById: job.createdById,
    attempt: job.attempts,
    db,
    signal: controller.signal,
    async progress(done, total, detail) {
      latest = { done, total: total ?? latest.total, detail: detail === undefined ? latest.detail : detail };
      options.onProgress?.(latest.done, latest.total, latest.detail);
      const at = Date.now();
      if (at - lastWrite < options.progressMs || lost) return;
      lastWrite = at;
      const { count } = await db.job.updateMany({ where: { id: job.id, lockedBy: workerId, status: "RUNNING" }, data: progressData(latest) });
      if (count === 0) return interrupted();
      await heartbeat();
    },
    log: (message) => options.log(`job ${job.id} (${kind.kind}): ${message}`),
  };

  const settle = async (data: Prisma.JobUpdateManyMutationInput) => {
    const { count } = await db.job.updateMany({ where: { id: job.id, lockedBy: workerId, status: "RUNNING" }, data: { ...progressData(latest), lockedBy: null, leaseExpiresAt: null, ...data } });
    return count === 1;
  };

  try {
    let result: unknown;
    let failure: { error: unknown; permanent: boolean } | null = null;
    try {
      // Params that no longer validate (the kind's schema changed) will not validate on a rerun either.
      context.params = parseJobParams(kind, job.params);
    } catch (error) {
      failure = { error, permanent: true };
    }
    try {
      if (!failure) result = await kind.run(context);
    } catch (error) {
      failure = { error, permanent: error instanceof PermanentJobError };
    } finally {
      clearInterval(timer);
      options.cancel?.removeEventListener("abort", onCancel);
      options.interrupt?.removeEventListener("abort", onInterrupt);
    }
    if (lost) {
      await released;
      return { outcome: "LOST", error: failure?.error };
    }
    const finishedAt = new Date();
    if (!failure) {
      // Prisma refuses a bare null for a Json column: leave it unset instead.
      const ok = await settle({ status: "SUCCEEDED", finishedAt, ...(result == null ? {} : { result: result as Prisma.InputJsonValue }) });
      return ok ? { outcome: "SUCCEEDED", result } : { outcome: "LOST", result };
    }
    const { error } = failure;
    const message = describe(error);
    const cancelAsked = error instanceof JobCancelledError || controller.signal.reason instanceof JobCancelledError || (await cancelRequested(db, job.id));
    if (cancelAsked) {
      const ok = await settle({ status: "CANCELLED", cancelRequested: true, finishedAt, error: message });
      return { outcome: ok ? "CANCELLED" : "LOST", error };
    }
    if (failure.permanent || job.attempts >= job.maxAttempts) {
      const ok = await settle({ status: "FAILED", finishedAt, error: message });
      if (ok) await kind.onFailed?.(db, { jobId: job.id, params: job.params, error: message }).catch((e) => options.log(`job ${job.id}: onFailed: ${describe(e)}`));
      return { outcome: ok ? "FAILED" : "LOST", error };
    }
    const ok = await settle({ status: "QUEUED", error: message, runAt: new Date(Date.now() + options.retryDelayMs(job.attempts)) });
    return { outcome: ok ? "RETRY" : "LOST", error };
  } finally {
    clearInterval(timer);
  }
}

function progressData({ done, total, detail }: { done: number; total: number; detail: unknown }): Prisma.JobUpdateManyMutationInput {
  return { done, total, heartbeatAt: new Date(), ...(detail === undefined ? {} : { progress: detail as Prisma.InputJsonValue }) };
}

async function cancelRequested(db: Db, jobId: string): Promise<boolean> {
  const row = await db.job.findUnique({ where: { id: jobId }, select: { cancelRequested: true } });
  return row?.cancelRequested ?? false;
}
