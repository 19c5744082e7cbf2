// Runs one job of a kind in this process, start to finish: the CLI's foreground commands and tests use it.
// It writes a Job row like any queued job, already RUNNING under this process with a lease that is renewed
// like a worker's (so progress and the result are visible from every instance, and a cancel requested
// elsewhere stops it). One attempt only: if this process dies, the job is FAILED once its lease runs out.
import "server-only";
import os from "node:os";
import { randomBytes } from "node:crypto";
import type { z } from "zod";
import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/sqlite/client";
import { DEFAULT_LEASE_MS, DEFAULT_PROGRESS_MS } from "./config";
import { parseJobParams } from "./enqueue";
import { JobInterruptedError } from "./errors";
import { executeJob } from "./execute";
import type { JobKind } from "./types";

export interface RunHereOptions {
  projectId?: string | null;
  createdById?: string | null;
  /** Aborting it cancels the job (e.g. Ctrl-C). */
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, detail: unknown) => void;
  log?: (message: string) => void;
  leaseMs?: number;
}

export interface RunHereResult {
  jobId: string;
  result: unknown;
}

export async function runJobHere<Schema extends z.ZodType>(
  db: Db,
  kind: JobKind<Schema>,
  rawParams: z.input<Schema>,
  options: RunHereOptions = {},
): Promise<RunHereResult> {
  const params = parseJobParams(kind, rawParams);
  const workerId = `here:${os.hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const now = new Date();
  const job = await db.job.create({
    data: {
      kind: kind.kind,
      params: params as Prisma.InputJsonValue,
      projectId: options.projectId ?? null,
      createdById: options.createdById ?? null,
      status: "RUNNING",
      attempts: 1,
      maxAttempts: 1,
      lockedBy: workerId,
      leaseExpiresAt: new Date(now.getTime() + leaseMs),
      startedAt: now,
      heartbeatAt: now,
    },
  });
  const executed = await executeJob(db, kind as JobKind, job, {
    workerId,
    leaseMs,
    progressMs: DEFAULT_PROGRESS_MS,
    retryDelayMs: () => 0,
    cancel: options.signal,
    onProgress: options.onProgress,
    log: options.log ?? (() => {}),
  });
  if (executed.outcome === "SUCCEEDED") return { jobId: job.id, result: executed.result };
  throw executed.error ?? new JobInterruptedError();
}
