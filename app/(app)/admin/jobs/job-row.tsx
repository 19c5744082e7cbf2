"use client";

import { cancelJobAction } from "@/app/_actions/jobs";
import { JobActionForm } from "@/app/_components/job-action-form";
import { Badge } from "@/app/_components/ui";
import { isJobActive, type JobView } from "@/lib/jobs/list";

// Job statuses shown with the item-status colours people already know (as on the export page).
const BADGE: Record<JobView["status"], string> = { QUEUED: "SUBMITTED", RUNNING: "IN_REVIEW", SUCCEEDED: "APPROVED", FAILED: "REJECTED", CANCELLED: "DRAFT" };

export function JobRow({ job }: { job: JobView }) {
  return (
    <tr className="align-top" data-job-id={job.id}>
      <td className="py-2 pr-3">
        <div className="font-medium">{job.kind}</div>
        <div className="text-xs text-slate-500">
          {job.project ? job.project.name : "no project"} · {new Date(job.createdAt).toLocaleString()}
          {job.createdBy ? ` · ${job.createdBy}` : ""}
        </div>
        {job.error && (
          <p className="mt-1 max-w-md break-words text-xs text-red-700" title="Last error">
            {job.error}
          </p>
        )}
      </td>
      <td className="pr-3">
        <Badge value={BADGE[job.status]} label={job.cancelRequested && isJobActive(job.status) ? "cancelling" : job.statusLabel} />
      </td>
      <td className="min-w-32 pr-3">
        <div role="progressbar" aria-label={`Progress of job ${job.id}`} aria-valuemin={0} aria-valuemax={100} aria-valuenow={job.percent} className="mt-1 h-2 overflow-hidden rounded-full bg-slate-100">
          <div className="h-full rounded-full bg-brand-500" style={{ width: `${job.percent}%` }} />
        </div>
        <span className="text-xs tabular-nums text-slate-500">{job.total > 0 ? `${job.done} / ${job.total}` : "—"}</span>
      </td>
      <td className="pr-3 tabular-nums">
        {job.attempts} / {job.maxAttempts}
      </td>
      <td className="max-w-40 truncate pr-3 font-mono text-xs text-slate-500" title={job.lockedBy ?? undefined}>
        {job.lockedBy ?? "—"}
      </td>
      <td>{isJobActive(job.status) && !job.cancelRequested && <JobActionForm jobId={job.id} action={cancelJobAction} label="Cancel" variant="danger" />}</td>
    </tr>
  );
}
