// Export jobs as the web page and the REST API show them: status, progress, counts, and the archive
// to download (only when the job SUCCEEDED and its .tar.gz still exists, on disk or in shared storage).
import { z } from "zod";
import type { Db } from "../db/client";
import type { ExportJobModel as ExportJob } from "../db";
import type { Storage } from "../storage/types";
import { isArchiveExpired } from "./archive-expiry";
import { findJobArchive } from "./archive-store";
import type { ExportCounts } from "./manifest";
import type { ExportParams } from "./schemas";

export const EXPORT_JOB_STATUSES = ["QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"] as const;
export type ExportJobStatus = (typeof EXPORT_JOB_STATUSES)[number];

export interface ExportJobView {
  id: string;
  project: string;
  status: ExportJobStatus;
  /** Records written so far, of `total` (0 of 0 while the splits are planned). */
  done: number;
  total: number;
  /** 0–100, whole; 100 once SUCCEEDED (also for an export of nothing). */
  percent: number;
  cancelRequested: boolean;
  params: ExportParams;
  counts: ExportCounts | null;
  error: string | null;
  /** sha256 of the .tar.gz. */
  sha256: string | null;
  /** Archive size in bytes; null unless it can be downloaded. */
  bytes: number | null;
  downloadUrl: string | null;
  /** SUCCEEDED, but the archive was deleted after its retention (lib/export/archive-expiry.ts): run it again. */
  archiveExpired: boolean;
  createdBy: string | null;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export const isActive = (status: string) => status === "QUEUED" || status === "RUNNING";

/** Where archives published to shared storage are looked up (lib/export/archive-store.ts). */
export type ArchiveLookup = Pick<Storage, "head">;

export function exportPercent(job: Pick<ExportJob, "status" | "done" | "total">): number {
  if (job.status === "SUCCEEDED") return 100;
  if (job.total <= 0) return 0;
  return Math.min(100, Math.floor((job.done / job.total) * 100));
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export async function exportJobView(job: ExportJob & { createdBy?: { name: string } | null }, projectSlug: string, storage: ArchiveLookup): Promise<ExportJobView> {
  const archive = await findJobArchive(job, storage);
  return {
    id: job.id,
    project: projectSlug,
    status: job.status,
    done: job.done,
    total: job.total,
    percent: exportPercent(job),
    cancelRequested: job.cancelRequested,
    params: job.params as unknown as ExportParams,
    counts: (job.counts as unknown as ExportCounts | null) ?? null,
    error: job.error,
    sha256: job.sha256,
    bytes: archive?.bytes ?? null,
    downloadUrl: archive ? exportDownloadUrl(job.id) : null,
    archiveExpired: isArchiveExpired(job),
    createdBy: job.createdBy?.name ?? null,
    createdAt: job.createdAt.toISOString(),
    startedAt: iso(job.startedAt),
    finishedAt: iso(job.finishedAt),
  };
}

export const exportDownloadUrl = (jobId: string) => `/api/v1/exports/${encodeURIComponent(jobId)}/download`;

export const MAX_JOB_LIST = 100;

/** GET …/exports?limit=20 */
export const exportListQuerySchema = z
  .object({ limit: z.coerce.number().int("a whole number").min(1, "at least 1").max(MAX_JOB_LIST, `at most ${MAX_JOB_LIST}`).default(20) })
  .strict();

/** A project's export jobs, newest first. */
export async function listExportJobs(db: Db, storage: ArchiveLookup, project: { id: string; slug: string }, limit = 20): Promise<ExportJobView[]> {
  const take = Math.max(1, Math.min(MAX_JOB_LIST, Math.floor(limit)));
  const jobs = await db.exportJob.findMany({
    where: { projectId: project.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take,
    include: { createdBy: { select: { name: true } } },
  });
  return Promise.all(jobs.map((job) => exportJobView(job, project.slug, storage)));
}

/** One job with its project's slug, or null. */
export async function findExportJob(db: Db, jobId: string) {
  return db.exportJob.findUnique({ where: { id: jobId }, include: { createdBy: { select: { name: true } }, project: { select: { id: true, slug: true } } } });
}
