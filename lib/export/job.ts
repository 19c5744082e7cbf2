// Export jobs: an ExportJob row (what users see: status, progress, archive) queued together with the Job
// of kind "export" (lib/jobs) that executes it on any worker; executeExportJob does the work, with progress
// written at most every PROGRESS_INTERVAL_MS and cancellation honoured between pages.
import path from "node:path";
import { z, ZodError } from "zod";
import { recordAudit } from "../audit/record";
import type { Db } from "../db/client";
import { ConflictError, NotFoundError } from "../errors";
import type { ExportJobModel as ExportJob, Prisma } from "../db";
import type { ImageStore } from "./images";
import { publishExportArchive, type ArchiveWriter } from "./archive-store";
import { refuseEmptyExport } from "./empty";
import { runExport, type ExportProgress } from "./run";
import { parseExportParams, type ExportParamsInput } from "./schemas";
import { lockForWriting, providerOf } from "../db/provider";
import { requestJobCancel } from "../jobs/cancel";
import { enqueueJob, type JobKindQueue } from "../jobs/enqueue";
import { JobInterruptedError } from "../jobs/errors";
import { nudgeWorkers } from "../jobs/nudge";

export const PROGRESS_INTERVAL_MS = 250;
const MAX_ERROR_LENGTH = 2000;

/** Where job outputs go: SRT_EXPORTS_DIR, else data/exports (relative to the working directory). */
export function exportsRoot(env: Record<string, string | undefined> = process.env): string {
  return path.resolve(/* turbopackIgnore: true */ env.SRT_EXPORTS_DIR?.trim() || "data/exports");
}

/**
 * Where the server keeps export archives: SRT_EXPORTS_DIR, else <SRT_DATA_DIR>/exports when SRT_DATA_DIR
 * is set (next to the session secret), else data/exports.
 */
export function serverExportsDir(env: Record<string, string | undefined> = process.env): string {
  if (env.SRT_EXPORTS_DIR?.trim()) return exportsRoot(env);
  if (env.SRT_DATA_DIR?.trim()) return path.resolve(/* turbopackIgnore: true */ env.SRT_DATA_DIR.trim(), "exports");
  return exportsRoot(env);
}

/** The Job kind that executes an ExportJob (its handler: lib/export/job-kind.ts). */
export const exportJobQueue = {
  kind: "export",
  params: z.object({ exportJobId: z.string().min(1, "required") }).strict(),
  maxAttempts: 3,
} satisfies JobKindQueue;

export interface StartExportJobInput {
  projectId: string;
  userId: string | null;
  params: ExportParamsInput;
  /** Queue it even when the filters match no follow-up (otherwise EmptyExportError, lib/export/empty.ts). */
  allowEmpty?: boolean;
}

/**
 * Validates the params (ZodError naming the field), refuses an unconfirmed empty export, and queues the
 * export with its Job; this process's worker is nudged (any instance's worker may run it).
 */
export async function startExportJob(db: Db, { projectId, userId, params, allowEmpty = false }: StartExportJobInput): Promise<ExportJob> {
  const parsed = parseExportParams(params);
  const job = await db.$transaction(async (tx) => {
    await lockForWriting(tx, providerOf(db)); // reads, then writes
    const project = await tx.project.findUnique({ where: { id: projectId }, select: { id: true } });
    if (!project) throw new NotFoundError("project", projectId, { field: "projectId" });
    await refuseEmptyExport(tx, projectId, parsed, allowEmpty);
    const created = await tx.exportJob.create({ data: { projectId, createdById: userId, params: parsed as unknown as Prisma.InputJsonObject } });
    await recordAudit(tx, { actorId: userId, entity: "ExportJob", entityId: created.id, action: "create", after: { projectId, params: parsed } });
    const runner = await enqueueJob(tx, exportJobQueue, { exportJobId: created.id }, { projectId, createdById: userId });
    return tx.exportJob.update({ where: { id: created.id }, data: { jobId: runner.id } });
  });
  nudgeWorkers();
  return job;
}

/** Asks a job to stop. A queued job is cancelled at once; a running one stops at its next progress check. */
export async function requestExportCancel(db: Db, { jobId, userId }: { jobId: string; userId: string | null }): Promise<ExportJob> {
  return db.$transaction(async (tx) => {
    await lockForWriting(tx, providerOf(db)); // reads, then writes
    const job = await tx.exportJob.findUnique({ where: { id: jobId } });
    if (!job) throw new NotFoundError("export job", jobId, { field: "jobId" });
    if (job.status !== "QUEUED" && job.status !== "RUNNING") return job;
    const data =
      job.status === "QUEUED" ? { cancelRequested: true, status: "CANCELLED" as const, finishedAt: new Date() } : { cancelRequested: true };
    const updated = await tx.exportJob.update({ where: { id: jobId }, data });
    // Its Job's flag reaches whichever worker runs it, on any instance.
    if (job.jobId) await requestJobCancel(tx, job.jobId, userId).catch((error) => (error instanceof NotFoundError ? null : Promise.reject(error)));
    await recordAudit(tx, { actorId: userId, entity: "ExportJob", entityId: jobId, action: "cancel", before: { status: job.status }, after: { status: updated.status } });
    return updated;
  });
}

export interface ExecuteOptions {
  /** Parent folder of job outputs (default exportsRoot()). */
  exportsDir?: string;
  createdAt?: Date;
  pageSize?: number;
  onProgress?: (progress: ExportProgress) => void;
  /** How often progress is saved and cancellation checked. */
  pollMs?: number;
  /** The Job's signal: a cancel stops the export (CANCELLED); JobInterruptedError stops it without recording anything. */
  signal?: AbortSignal;
  /** Also run a job left RUNNING (its Job was taken over after the worker running it died). */
  resume?: boolean;
}

function describe(error: unknown): string {
  const text =
    error instanceof ZodError
      ? error.issues.map((i) => `${i.path.join(".") || "params"}: ${i.message}`).join("; ")
      : error instanceof Error
        ? error.message
        : String(error);
  return text.slice(0, MAX_ERROR_LENGTH);
}

/**
 * Runs a QUEUED job (or, with `resume`, one left RUNNING) to the end: SUCCEEDED (outputPath, sha256,
 * counts), FAILED (error) or CANCELLED (nothing left on disk). With shared storage (S3) the archive ends
 * up there, for every instance to serve (lib/export/archive-store.ts). Returns the final row. A job in another
 * state is returned unchanged. Interrupted (JobInterruptedError on the signal), it throws that and records
 * nothing: the worker that took the Job over finishes the export.
 */
export async function executeExportJob(db: Db, storage: ImageStore & ArchiveWriter, jobId: string, options: ExecuteOptions = {}): Promise<ExportJob> {
  const from = options.resume ? (["QUEUED", "RUNNING"] as const) : (["QUEUED"] as const);
  const claimed = await db.$transaction(async (tx) => {
    await lockForWriting(tx, providerOf(db)); // reads, then writes
    const before = await tx.exportJob.findUnique({ where: { id: jobId }, select: { status: true } });
    if (!before || !(from as readonly string[]).includes(before.status)) return null;
    // Conditional on the status read, so two callers never both start it (PostgreSQL locks rows, not the table).
    const { count } = await tx.exportJob.updateMany({ where: { id: jobId, status: before.status }, data: { status: "RUNNING", startedAt: new Date(), done: 0, total: 0 } });
    if (count === 0) return null;
    const job = await tx.exportJob.findUniqueOrThrow({ where: { id: jobId }, include: { project: { select: { slug: true } } } });
    const action = before.status === "RUNNING" ? "restart" : "start";
    await recordAudit(tx, { actorId: job.createdById, entity: "ExportJob", entityId: jobId, action, before: { status: before.status }, after: { status: "RUNNING" } });
    return job;
  });
  if (!claimed) {
    const job = await db.exportJob.findUnique({ where: { id: jobId } });
    if (!job) throw new NotFoundError("export job", jobId, { field: "jobId" });
    return job;
  }

  const controller = new AbortController();
  const outer = options.signal;
  const follow = () => controller.abort(outer?.reason);
  if (outer?.aborted) follow();
  else outer?.addEventListener("abort", follow, { once: true });
  let latest: ExportProgress = { phase: "planning", done: 0, total: 0 };
  let saved = { done: -1, total: -1 };
  let inFlight: Promise<void> | null = null;
  // One timer saves progress and looks for a cancel request; never two round-trips at once.
  const tick = () => {
    if (inFlight) return;
    inFlight = (async () => {
      const { done, total } = latest;
      if (done !== saved.done || total !== saved.total) {
        await db.exportJob.update({ where: { id: jobId }, data: { done, total } });
        saved = { done, total };
      }
      const row = await db.exportJob.findUnique({ where: { id: jobId }, select: { cancelRequested: true } });
      if (row?.cancelRequested) controller.abort(new ConflictError("The export was cancelled."));
    })()
      .catch(() => {}) // a missed progress update is harmless; the final status write reports real failures
      .finally(() => (inFlight = null));
  };
  const timer = setInterval(tick, options.pollMs ?? PROGRESS_INTERVAL_MS);

  const finish = async (data: Parameters<Db["exportJob"]["update"]>[0]["data"], action: string, after: object) => {
    clearInterval(timer);
    outer?.removeEventListener("abort", follow);
    await inFlight;
    return db.$transaction(async (tx) => {
      const job = await tx.exportJob.update({ where: { id: jobId }, data: { ...data, finishedAt: new Date() } });
      await recordAudit(tx, { actorId: claimed.createdById, entity: "ExportJob", entityId: jobId, action, before: { status: "RUNNING" }, after });
      return job;
    });
  };

  try {
    const result = await runExport(db, storage, claimed.params as ExportParamsInput, {
      projectId: claimed.projectId,
      outDir: path.join(options.exportsDir ?? exportsRoot(), `${claimed.project.slug}-${jobId}`),
      createdAt: options.createdAt,
      pageSize: options.pageSize,
      actorId: claimed.createdById,
      exportJobId: jobId,
      signal: controller.signal,
      onProgress: (progress) => {
        latest = progress;
        options.onProgress?.(progress);
      },
    });
    const outputPath = await publishExportArchive(storage, result.outputPath);
    const counts = result.counts as unknown as Prisma.InputJsonObject;
    return await finish(
      { status: "SUCCEEDED", outputPath, sha256: result.sha256, counts, done: result.counts.records, total: result.counts.records },
      "succeed",
      { status: "SUCCEEDED", outputPath, sha256: result.sha256, records: result.counts.records },
    );
  } catch (error) {
    if (controller.signal.reason instanceof JobInterruptedError) {
      clearInterval(timer);
      await inFlight;
      throw controller.signal.reason;
    }
    if (controller.signal.aborted) {
      return finish({ status: "CANCELLED", done: latest.done, total: latest.total }, "cancelled", { status: "CANCELLED" });
    }
    const message = describe(error);
    return finish({ status: "FAILED", error: message, done: latest.done, total: latest.total }, "fail", { status: "FAILED", error: message });
  }
}
