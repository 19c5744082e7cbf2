// Runs one job of a kind in this process, start to finish: the CLI's foreground commands and tests use it.
// It writes a Job row like any queued job (so progress and the result are visible from every instance)
// and marks it RUNNING under this process before the handler starts.
// (The job system's worker loop — claim, lease renewal, takeover, cancel from elsewhere — lives beside it.)
import "server-only";
import type { z } from "zod";
import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/sqlite/client";
import type { JobContext, JobKind } from "./types";

const PROGRESS_EVERY_MS = 500;

export interface RunHereOptions {
  projectId?: string | null;
  createdById?: string | null;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, detail: unknown) => void;
  log?: (message: string) => void;
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
  const params = kind.params.parse(rawParams) as z.output<Schema>;
  const now = new Date();
  const job = await db.job.create({
    data: {
      kind: kind.kind,
      params: params as Prisma.InputJsonValue,
      projectId: options.projectId ?? null,
      createdById: options.createdById ?? null,
      status: "RUNNING",
      attempts: 1,
      maxAttempts: kind.maxAttempts ?? 3,
      lockedBy: `here:${process.pid}`,
      startedAt: now,
      heartbeatAt: now,
    },
  });
  const controller = new AbortController();
  options.signal?.addEventListener("abort", () => controller.abort(options.signal?.reason), { once: true });
  let lastWrite = 0;
  const context: JobContext<z.output<Schema>> = {
    jobId: job.id,
    params,
    projectId: job.projectId,
    createdById: job.createdById,
    attempt: 1,
    db,
    signal: controller.signal,
    async progress(done, total, detail) {
      options.onProgress?.(done, total ?? 0, detail);
      const at = Date.now();
      if (at - lastWrite < PROGRESS_EVERY_MS) return;
      lastWrite = at;
      const row = await db.job.update({
        where: { id: job.id },
        data: {
          done,
          ...(total === undefined ? {} : { total }),
          ...(detail === undefined ? {} : { progress: detail as Prisma.InputJsonValue }),
          heartbeatAt: new Date(at),
        },
        select: { cancelRequested: true },
      });
      if (row.cancelRequested) controller.abort(new Error("cancelled"));
    },
    log: options.log ?? (() => {}),
  };
  try {
    const result = await kind.run(context);
    await db.job.update({
      where: { id: job.id },
      data: {
        status: "SUCCEEDED",
        // Prisma refuses a bare null for a Json column: leave it unset instead.
        ...(result == null ? {} : { result: result as Prisma.InputJsonValue }),
        finishedAt: new Date(),
        lockedBy: null,
      },
    });
    return { jobId: job.id, result };
  } catch (error) {
    await db.job.update({
      where: { id: job.id },
      data: {
        status: controller.signal.aborted ? "CANCELLED" : "FAILED",
        error: error instanceof Error ? error.message : String(error),
        finishedAt: new Date(),
        lockedBy: null,
      },
    });
    throw error;
  }
}
