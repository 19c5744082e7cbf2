// Starting and resuming a run's job. Until the job system's worker is registered for "eval-run", the web
// server runs the job in its own process (runJobHere), like the CLI does in the foreground; the job is
// resumable, so a restart loses nothing but the conversations in flight ("Resume" picks up the rest).
import "server-only";
import { recordAudit } from "../audit/record";
import type { Db } from "../db/client";
import { lockForWriting, providerOf } from "../db/provider";
import { ConflictError, NotFoundError } from "../errors";
import { runJobHere } from "../jobs/run-here";
import { evalRunJob } from "./run-job";

/** A RUNNING run whose job has not reported for this long is taken as interrupted (a restart). */
export const STALE_AFTER_MS = 60_000;

/** Runs the run's job in this process without waiting for it; its outcome lands on the run and job rows. */
export function startEvalRunInProcess(db: Db, run: { id: string; projectId: string }, userId: string | null): void {
  void runJobHere(db, evalRunJob, { runId: run.id }, { projectId: run.projectId, createdById: userId }).catch((error: unknown) => {
    console.error(`evaluation run ${run.id}:`, error instanceof Error ? error.message : error);
  });
}

/** Puts a failed, cancelled or interrupted run back in the queue (start its job next); stored conversations are kept. */
export async function reopenEvalRun(db: Db, input: { projectId: string; runId: string; userId: string | null; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  await db.$transaction(async (tx) => {
    await lockForWriting(tx, providerOf(db)); // reads, then writes
    const run = await tx.evalRun.findFirst({ where: { id: input.runId, projectId: input.projectId }, select: { id: true, status: true, jobId: true } });
    if (!run) throw new NotFoundError("evaluation run", input.runId, { field: "runId" });
    if (run.status === "SUCCEEDED") throw new ConflictError("The run is finished: nothing to resume.");
    if (run.status === "QUEUED") return; // never started: its job starts it
    if (run.status === "RUNNING") {
      const job = run.jobId ? await tx.job.findUnique({ where: { id: run.jobId }, select: { status: true, heartbeatAt: true } }) : null;
      const alive = job?.status === "RUNNING" && job.heartbeatAt !== null && now.getTime() - job.heartbeatAt.getTime() < STALE_AFTER_MS;
      if (alive) throw new ConflictError("The run is still running.");
      if (run.jobId) await tx.job.updateMany({ where: { id: run.jobId, status: "RUNNING" }, data: { status: "FAILED", error: "interrupted", finishedAt: now, lockedBy: null } });
    }
    await tx.evalRun.update({ where: { id: run.id }, data: { status: "QUEUED", error: null, finishedAt: null } });
    await recordAudit(tx, { actorId: input.userId, entity: "EvalRun", entityId: run.id, projectId: input.projectId, action: "eval.resume" });
  });
}

/** A run marked RUNNING whose job no longer reports (its process ended): "Resume" is offered. */
export async function isRunInterrupted(db: Db, run: { status: string; jobId: string | null }, now = new Date()): Promise<boolean> {
  if (run.status !== "RUNNING") return false;
  if (!run.jobId) return true;
  const job = await db.job.findUnique({ where: { id: run.jobId }, select: { status: true, heartbeatAt: true } });
  return !(job?.status === "RUNNING" && job.heartbeatAt !== null && now.getTime() - job.heartbeatAt.getTime() < STALE_AFTER_MS);
}
