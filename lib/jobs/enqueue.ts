// Queues a job of a kind: params validated with the kind's schema (an error names the field), the Job
// row written and, when a person asked for it, audited in the same transaction.
import type { z } from "zod";
import { recordAudit } from "../audit/record";
import type { JobModel as Job, Prisma } from "../db";
import { InvalidInputError } from "../errors";
import { nudgeWorkers } from "./nudge";
import { inWriteTransaction, type DbOrTx } from "./tx";
import type { JobKind } from "./types";

/** What queuing needs of a kind (a concept can queue its kind without importing its handler). */
export type JobKindQueue<Schema extends z.ZodType = z.ZodType> = Pick<JobKind<Schema>, "kind" | "params" | "maxAttempts">;

export interface EnqueueOptions {
  projectId: string | null;
  createdById: string | null;
  /** Not before this time (default now). */
  runAt?: Date;
  /** Higher runs first (default 0). */
  priority?: number;
}

/** Validates params with the kind's schema; InvalidInputError names the first bad field ("params.<path>"). */
export function parseJobParams<Schema extends z.ZodType>(kind: JobKindQueue<Schema>, params: unknown): z.output<Schema> {
  const parsed = kind.params.safeParse(params);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = ["params", ...issue.path.map(String)].join(".");
  throw new InvalidInputError(field, `${kind.kind} job: ${field}: ${issue.message}`);
}

/**
 * Queues a job. With the client it commits and wakes this process's worker; inside a caller's transaction
 * the caller calls nudgeWorkers() after its commit (or the worker finds the job at its next poll).
 */
export async function enqueueJob<Schema extends z.ZodType>(db: DbOrTx, kind: JobKindQueue<Schema>, params: z.input<Schema>, options: EnqueueOptions): Promise<Job> {
  const valid = parseJobParams(kind, params);
  const { value: job, committed } = await inWriteTransaction(db, async (tx) => {
    const job = await tx.job.create({
      data: {
        kind: kind.kind,
        params: valid as Prisma.InputJsonValue,
        projectId: options.projectId,
        createdById: options.createdById,
        maxAttempts: kind.maxAttempts ?? 3,
        priority: options.priority ?? 0,
        ...(options.runAt && { runAt: options.runAt }),
      },
    });
    if (options.createdById) {
      await recordAudit(tx, { actorId: options.createdById, projectId: options.projectId, entity: "Job", entityId: job.id, action: "create", after: { kind: kind.kind, params: valid } });
    }
    return job;
  });
  if (committed) nudgeWorkers();
  return job;
}
