// "Run again": a new export with the stored parameters of an earlier one (e.g. once its archive expired,
// lib/export/archive-expiry.ts). The earlier ExportJob stays as it is; the new one is queued like any other.
import type { Db } from "../db/client";
import type { ExportJobModel as ExportJob } from "../db";
import { NotFoundError } from "../errors";
import { startExportJob } from "./job";
import type { ExportParamsInput } from "./schemas";

export async function rerunExportJob(db: Db, { exportJobId, userId }: { exportJobId: string; userId: string | null }): Promise<ExportJob> {
  const earlier = await db.exportJob.findUnique({ where: { id: exportJobId }, select: { projectId: true, params: true } });
  if (!earlier) throw new NotFoundError("export job", exportJobId, { field: "jobId" });
  return startExportJob(db, { projectId: earlier.projectId, userId, params: earlier.params as unknown as ExportParamsInput });
}
