// The "export" Job kind: executes an ExportJob on whichever worker claimed its Job, mirroring the Job's
// progress and outcome on the ExportJob (what users see). On a takeover (the previous worker died) it
// removes that attempt's temporary files and starts the export again.
import "server-only";
import fs from "node:fs";
import path from "node:path";
import { recordAudit } from "../audit/record";
import type { Db } from "../db/client";
import { JobCancelledError, PermanentJobError } from "../jobs/errors";
import type { JobKind } from "../jobs/types";
import { getStorage } from "../storage";
import type { ArchiveWriter } from "./archive-store";
import type { ImageStore } from "./images";
import { executeExportJob, exportJobQueue, serverExportsDir, type ExecuteOptions } from "./job";

export interface ExportKindDeps {
  /** Default: the server's storage (lib/storage). */
  storage?: () => ImageStore & ArchiveWriter;
  /** Default: serverExportsDir(). */
  exportsDir?: () => string;
  /** Passed to executeExportJob (tests: pageSize, pollMs, onProgress). */
  execute?: Omit<ExecuteOptions, "exportsDir" | "signal" | "resume">;
}

export function createExportJobKind(deps: ExportKindDeps = {}): JobKind<typeof exportJobQueue.params> {
  const exportsDir = () => deps.exportsDir?.() ?? serverExportsDir();
  return {
    ...exportJobQueue,
    async run({ db, params, signal, attempt, progress }) {
      const dir = exportsDir();
      if (attempt > 1) await removeLeftovers(db, dir, params.exportJobId);
      const job = await executeExportJob(db, deps.storage?.() ?? getStorage(), params.exportJobId, {
        ...deps.execute,
        exportsDir: dir,
        signal,
        resume: true,
        onProgress: (p) => {
          deps.execute?.onProgress?.(p);
          void progress(p.done, p.total, { phase: p.phase }).catch(() => {});
        },
      });
      if (job.status === "CANCELLED") throw new JobCancelledError("The export was cancelled.");
      if (job.status === "FAILED") throw new PermanentJobError(job.error ?? "the export failed");
      return { exportJobId: job.id, status: job.status, records: job.done, sha256: job.sha256 };
    },
    async onFailed(db, { params, error }) {
      const parsed = exportJobQueue.params.safeParse(params);
      if (parsed.success) await failExportJob(db, parsed.data.exportJobId, error);
    },
  };
}

export const exportJobKind = createExportJobKind();

/** Mirrors a Job that failed for good on its ExportJob (a worker died on the last attempt). */
async function failExportJob(db: Db, exportJobId: string, error: string) {
  const message = `the export could not finish: ${error}`;
  await db.$transaction(async (tx) => {
    const { count } = await tx.exportJob.updateMany({ where: { id: exportJobId, status: { in: ["QUEUED", "RUNNING"] } }, data: { status: "FAILED", error: message, finishedAt: new Date() } });
    if (count === 1) await recordAudit(tx, { actorId: null, entity: "ExportJob", entityId: exportJobId, action: "fail", after: { status: "FAILED", error: message } });
  });
}

/** runExport's temporary folder and archive of an attempt that died (".<slug>-<id>.tmp-<nonce>[.tar.gz]"). */
async function removeLeftovers(db: Db, exportsDir: string, exportJobId: string) {
  const job = await db.exportJob.findUnique({ where: { id: exportJobId }, select: { project: { select: { slug: true } } } });
  if (!job) return;
  const prefix = `.${job.project.slug}-${exportJobId}.tmp-`;
  let entries: string[];
  try {
    entries = fs.readdirSync(exportsDir);
  } catch {
    return;
  }
  for (const entry of entries) {
    if (entry.startsWith(prefix)) fs.rmSync(path.join(exportsDir, entry), { recursive: true, force: true });
  }
}
