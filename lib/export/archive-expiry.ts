// Export archives are kept Retention.exportArchivesMs after their job finished, then deleted (from
// this machine's exports folder or the shared bucket) by the maintenance job. The ExportJob row stays,
// with its parameters, so the export page can offer to run it again; its outputPath becomes null, which
// is what "expired" means for a SUCCEEDED export (lib/export/job-view.ts).
import { recordAudit } from "../audit/record";
import type { Db } from "../db/client";
import type { Storage } from "../storage/types";
import { deleteJobArchive } from "./archive-store";

export const EXPIRE_BATCH_SIZE = 100;

export interface ExpireOptions {
  keepMs: number;
  now?: Date;
  batchSize?: number;
}

/** A SUCCEEDED export whose archive was deleted after its retention (or never had one). */
export const isArchiveExpired = (job: { status: string; outputPath: string | null }) => job.status === "SUCCEEDED" && job.outputPath === null;

/**
 * Deletes the archives of exports that finished before now − keepMs; returns how many. The archive goes
 * first, then the row is marked: if marking fails, the next run finds the row again (deleting a missing
 * archive is harmless), so no archive is ever left behind unmarked for good.
 */
export async function expireExportArchives(db: Db, storage: Pick<Storage, "delete">, { keepMs, now = new Date(), batchSize = EXPIRE_BATCH_SIZE }: ExpireOptions): Promise<number> {
  const finishedBefore = new Date(now.getTime() - keepMs);
  let expired = 0;
  let skipped: string[] = [];
  for (;;) {
    const jobs = await db.exportJob.findMany({
      where: { status: "SUCCEEDED", outputPath: { endsWith: ".tar.gz" }, finishedAt: { lt: finishedBefore }, id: { notIn: skipped } },
      select: { id: true, outputPath: true, projectId: true },
      orderBy: { finishedAt: "asc" },
      take: batchSize,
    });
    for (const job of jobs) {
      if (!(await deleteJobArchive(job, storage))) {
        skipped = [...skipped, job.id]; // not an archive this job wrote: never touched
        continue;
      }
      await db.$transaction(async (tx) => {
        const { count } = await tx.exportJob.updateMany({ where: { id: job.id, outputPath: job.outputPath }, data: { outputPath: null } });
        if (count === 1) await recordAudit(tx, { actorId: null, projectId: job.projectId, entity: "ExportJob", entityId: job.id, action: "archive.expire", before: { outputPath: job.outputPath } });
      });
      expired++;
    }
    if (jobs.length < batchSize) return expired;
  }
}
