// Cancel from any instance: a queued job is CANCELLED at once; a running one gets the flag, which its
// worker's next heartbeat or progress write turns into an abort of the handler's signal.
import { recordAudit } from "../audit/record";
import type { JobModel as Job } from "../db";
import { NotFoundError } from "../errors";
import { inWriteTransaction, type DbOrTx } from "./tx";

export async function requestJobCancel(db: DbOrTx, jobId: string, actorId: string | null): Promise<Job> {
  const { value } = await inWriteTransaction(db, async (tx) => {
    const job = await tx.job.findUnique({ where: { id: jobId } });
    if (!job) throw new NotFoundError("job", jobId, { field: "jobId" });
    if (job.status !== "QUEUED" && job.status !== "RUNNING") return job;
    const data = job.status === "QUEUED" ? { cancelRequested: true, status: "CANCELLED" as const, finishedAt: new Date() } : { cancelRequested: true };
    const updated = await tx.job.update({ where: { id: jobId }, data });
    await recordAudit(tx, { actorId, projectId: job.projectId, entity: "Job", entityId: jobId, action: "cancel", before: { status: job.status }, after: { status: updated.status, cancelRequested: true } });
    return updated;
  });
  return value;
}
