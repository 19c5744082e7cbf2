// Evaluation runs as records: create (validated, audited), list, find within a project, cancel.
// The work itself is the "eval-run" job (./run-job.ts).
import { recordAudit } from "../audit/record";
import type { Db } from "../db/client";
import type { Prisma } from "../db";
import { lockForWriting, providerOf } from "../db/provider";
import { ConflictError, InvalidInputError, NotFoundError } from "../errors";
import { findProjectEndpoint } from "./endpoint-client";
import { enqueueJob } from "../jobs/enqueue";
import { requestJobCancel } from "../jobs/cancel";
import { nudgeWorkers } from "../jobs/nudge";
import { createEvalRunSchema, evalRunQueue, runRounds, type CreateEvalRunInput } from "./run-schemas";
import { loadRunItems, runTasks } from "./run-tasks";

const RUN_VIEW = {
  id: true,
  projectId: true,
  name: true,
  endpointId: true,
  endpointName: true,
  model: true,
  selection: true,
  conditions: true,
  rounds: true,
  status: true,
  jobId: true,
  total: true,
  done: true,
  failed: true,
  error: true,
  createdAt: true,
  startedAt: true,
  finishedAt: true,
  createdBy: { select: { name: true } },
} as const;

export type EvalRunView = Prisma.EvalRunGetPayload<{ select: typeof RUN_VIEW }>;

/**
 * Validates, checks the endpoint is enabled and that the selection has conversations, and records the run
 * (QUEUED). With `queue` its "eval-run" Job is queued in the same transaction (any instance's worker runs
 * it); without, the caller runs the job itself (the CLI's foreground run, runJobHere).
 */
export async function createEvalRun(
  db: Db,
  input: { projectId: string; userId: string | null; body: CreateEvalRunInput | Record<string, unknown>; queue?: boolean },
): Promise<EvalRunView> {
  const parsed = createEvalRunSchema.parse(input.body);
  const endpoint = await findProjectEndpoint(db, input.projectId, parsed.endpoint);
  const tasks = runTasks(await loadRunItems(db, input.projectId, parsed.selection), parsed.conditions, parsed.rounds);
  if (tasks.length === 0) {
    throw new InvalidInputError("selection", "No follow-up matches this selection: pick other statuses, tags, kinds, tactics or round kinds.");
  }
  const created = await db.$transaction(async (tx) => {
    await lockForWriting(tx, providerOf(db)); // writes only, but keep SQLite's order
    const run = await tx.evalRun.create({
      data: {
        projectId: input.projectId,
        endpointId: endpoint.id,
        endpointName: endpoint.name,
        model: endpoint.model,
        name: parsed.name,
        selection: parsed.selection as Prisma.InputJsonObject,
        conditions: parsed.conditions,
        rounds: parsed.rounds,
        total: tasks.length,
        createdById: input.userId,
      },
      select: RUN_VIEW,
    });
    await recordAudit(tx, {
      actorId: input.userId,
      entity: "EvalRun",
      entityId: run.id,
      projectId: input.projectId,
      action: "eval.create",
      after: { name: parsed.name, endpoint: endpoint.name, model: endpoint.model, selection: parsed.selection, conditions: parsed.conditions, rounds: parsed.rounds, conversations: tasks.length },
    });
    if (!input.queue) return run;
    const job = await enqueueJob(tx, evalRunQueue, { runId: run.id }, { projectId: input.projectId, createdById: input.userId });
    return tx.evalRun.update({ where: { id: run.id }, data: { jobId: job.id }, select: RUN_VIEW });
  });
  if (input.queue) nudgeWorkers();
  return created;
}

export async function listEvalRuns(db: Db, projectId: string, limit = 100): Promise<EvalRunView[]> {
  return db.evalRun.findMany({ where: { projectId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: limit, select: RUN_VIEW });
}

/** The run, if it belongs to the project (404 otherwise: no peeking at other projects' runs). */
export async function findEvalRun(db: Db, projectId: string, runId: string): Promise<EvalRunView> {
  const run = await db.evalRun.findFirst({ where: { id: runId, projectId }, select: RUN_VIEW });
  if (!run) throw new NotFoundError("evaluation run", runId, { field: "runId" });
  return run;
}

/** A queued run is cancelled at once; a running one stops at its next progress check (its Job's cancel, lib/jobs/cancel.ts). */
export async function cancelEvalRun(db: Db, input: { projectId: string; runId: string; userId: string | null }): Promise<EvalRunView> {
  await db.$transaction(async (tx) => {
    await lockForWriting(tx, providerOf(db)); // reads, then writes
    const run = await tx.evalRun.findFirst({ where: { id: input.runId, projectId: input.projectId }, select: { id: true, status: true, jobId: true } });
    if (!run) throw new NotFoundError("evaluation run", input.runId, { field: "runId" });
    if (run.status !== "QUEUED" && run.status !== "RUNNING") throw new ConflictError(`The run is already ${run.status.toLowerCase()}.`);
    const job = run.jobId ? await requestJobCancel(tx, run.jobId, input.userId).catch((error) => (error instanceof NotFoundError ? null : Promise.reject(error))) : null;
    // Nothing runs it any more (queued, or its Job already ended): cancelled now; else its handler records it.
    if (run.status === "QUEUED" || job?.status !== "RUNNING") await tx.evalRun.update({ where: { id: run.id }, data: { status: "CANCELLED", finishedAt: new Date() } });
    await recordAudit(tx, { actorId: input.userId, entity: "EvalRun", entityId: run.id, projectId: input.projectId, action: "eval.cancel" });
  });
  return findEvalRun(db, input.projectId, input.runId);
}

/** A run as the API shows it. */
export function evalRunJson(run: EvalRunView, slug: string) {
  return {
    id: run.id,
    name: run.name,
    endpoint: run.endpointName,
    model: run.model,
    selection: run.selection,
    conditions: run.conditions,
    rounds: runRounds(run.rounds),
    status: run.status,
    total: run.total,
    done: run.done,
    failed: run.failed,
    error: run.error,
    createdBy: run.createdBy?.name ?? null,
    createdAt: run.createdAt.toISOString(),
    startedAt: run.startedAt?.toISOString() ?? null,
    finishedAt: run.finishedAt?.toISOString() ?? null,
    url: `/api/v1/projects/${encodeURIComponent(slug)}/eval-runs/${run.id}`,
  };
}
