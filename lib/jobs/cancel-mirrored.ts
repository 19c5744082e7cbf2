// Cancels a Job from the admin's jobs list. A kind that mirrors its Job on a table of its own (an export's
// ExportJob, an evaluation's EvalRun) is cancelled through that table so both show cancelled; any other
// kind directly.
import type { Db } from "../db/client";
import { cancelEvalRun } from "../eval/runs";
import { requestExportCancel } from "../export/job";
import { requestJobCancel } from "./cancel";

export async function requestCancelOfJob(db: Db, { jobId, userId }: { jobId: string; userId: string | null }): Promise<void> {
  const exportJob = await db.exportJob.findFirst({ where: { jobId }, select: { id: true } });
  if (exportJob) return void (await requestExportCancel(db, { jobId: exportJob.id, userId }));
  const run = await db.evalRun.findFirst({ where: { jobId, status: { in: ["QUEUED", "RUNNING"] } }, select: { id: true, projectId: true } });
  if (run) return void (await cancelEvalRun(db, { projectId: run.projectId, runId: run.id, userId }));
  await requestJobCancel(db, jobId, userId);
}
