"use client";

import { useEffect, useState } from "react";
import { plural } from "@/lib/format";
import { cancelExportAction, rerunExportAction } from "@/app/_actions/export";
import { JobActionForm } from "@/app/_components/job-action-form";
import { Badge, EmptyState } from "@/app/_components/ui";
import type { ExportJobView } from "@/lib/export/job-view";

const POLL_MS = 1000;

// Job statuses shown with the item-status colours people already know.
const BADGE: Record<ExportJobView["status"], string> = {
  QUEUED: "SUBMITTED",
  RUNNING: "IN_REVIEW",
  SUCCEEDED: "APPROVED",
  FAILED: "REJECTED",
  CANCELLED: "DRAFT",
};

const isActive = (job: ExportJobView) => job.status === "QUEUED" || job.status === "RUNNING";
const when = (iso: string) => iso.replace("T", " ").slice(0, 16) + " UTC";
const size = (bytes: number) => (bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

/** The project's export jobs; polled every second while one is queued or running, not otherwise. */
export function ExportJobs({
  initialJobs,
  listUrl,
  approvedItems,
  approvedRecords,
}: {
  initialJobs: ExportJobView[];
  listUrl: string;
  approvedItems: number;
  approvedRecords: number;
}) {
  const [jobs, setJobs] = useState(initialJobs);
  const [seen, setSeen] = useState(initialJobs);
  // A new list from the server (a job was started or cancelled) replaces the polled one.
  if (initialJobs !== seen) {
    setSeen(initialJobs);
    setJobs(initialJobs);
  }
  const polling = jobs.some(isActive);

  useEffect(() => {
    if (!polling) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout>;
    const poll = async () => {
      try {
        const response = await fetch(listUrl, { cache: "no-store" });
        if (response.ok && !stopped) setJobs(((await response.json()) as { jobs: ExportJobView[] }).jobs);
      } catch {
        // offline for a moment: try again at the next tick
      }
      if (!stopped) timer = setTimeout(poll, POLL_MS);
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [polling, listUrl]);

  if (jobs.length === 0) {
    return (
      <EmptyState title="No exports yet">
        <p>
          An export writes deterministic train/val/test files in the chosen format, packed as a .tar.gz to download. By default only{" "}
          <strong>approved</strong> items are exported, one record per follow-up: this project has {plural(approvedItems, "approved item")} with{" "}
          {plural(approvedRecords, "follow-up")}.
        </p>
      </EmptyState>
    );
  }

  return (
    <ul className="flex flex-col gap-3" aria-label="Export jobs" data-polling={polling ? "yes" : "no"}>
      {jobs.map((job) => (
        <JobCard key={job.id} job={job} />
      ))}
    </ul>
  );
}

function JobCard({ job }: { job: ExportJobView }) {
  const { params } = job;
  const splits = params.splits.map((s) => `${s.name}=${s.ratio}`).join(", ");
  const progressLabel = `Progress of export ${job.id}`;
  return (
    <li className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="export-job" data-job-id={job.id} data-status={job.status}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <Badge value={BADGE[job.status]} label={job.status.toLowerCase()} />
          <span className="font-medium">
            {params.format} · {params.variant}
          </span>
          <span className="text-sm text-slate-500">
            seed {String(params.seed)} · {splits}
          </span>
        </div>
        <span className="text-xs text-slate-500">
          {when(job.createdAt)}
          {job.createdBy ? ` · ${job.createdBy}` : ""}
        </span>
      </div>

      <div className="mt-3 flex items-center gap-3">
        <div
          role="progressbar"
          aria-label={progressLabel}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={job.percent}
          className="h-2 flex-1 overflow-hidden rounded-full bg-slate-100"
        >
          <div
            className={`h-full rounded-full transition-[width] ${job.status === "FAILED" ? "bg-red-500" : job.status === "CANCELLED" ? "bg-slate-400" : "bg-brand-500"}`}
            style={{ width: `${job.percent}%` }}
          />
        </div>
        <span className="w-40 text-right text-sm tabular-nums text-slate-700" data-testid="export-progress">
          {job.status === "QUEUED" ? "waiting…" : job.total === 0 && job.status === "RUNNING" ? "planning splits…" : `${job.done} / ${job.total} · ${job.percent} %`}
        </span>
      </div>

      {job.status === "FAILED" && job.error && (
        <p className="mt-2 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-800" role="alert">
          {job.error}
        </p>
      )}
      {job.cancelRequested && isActive(job) && <p className="mt-2 text-sm text-slate-600">Cancelling…</p>}

      {job.status === "SUCCEEDED" && job.counts && (
        <table className="mt-3 w-full max-w-md text-left text-sm" aria-label="Records per split">
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th className="py-1 font-medium">Split</th>
              <th className="py-1 text-right font-medium">Records</th>
              <th className="py-1 text-right font-medium">Images</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 tabular-nums">
            {Object.entries(job.counts.splits).map(([name, c]) => (
              <tr key={name} data-testid={`split-${name}`}>
                <td className="py-1">{name}</td>
                <td className="py-1 text-right">{c.records}</td>
                <td className="py-1 text-right">{c.images}</td>
              </tr>
            ))}
            <tr className="font-medium" data-testid="split-total">
              <td className="py-1">total</td>
              <td className="py-1 text-right">{job.counts.records}</td>
              <td className="py-1 text-right">{job.counts.images}</td>
            </tr>
          </tbody>
        </table>
      )}

      <div className="mt-3 flex flex-wrap items-center gap-3">
        {job.downloadUrl && (
          <a
            href={job.downloadUrl}
            download
            className="inline-flex items-center gap-2 rounded-lg bg-brand-600 px-3.5 py-2 text-sm font-medium text-white hover:bg-brand-700"
          >
            Download .tar.gz{job.bytes !== null ? ` (${size(job.bytes)})` : ""}
          </a>
        )}
        {job.status === "SUCCEEDED" && !job.downloadUrl && (
          <>
            <span className="text-sm text-slate-600" data-testid="archive-expired">
              {job.archiveExpired ? "Archive expired — run again to rebuild it." : "The archive is no longer on the server — run again to rebuild it."}
            </span>
            <JobActionForm jobId={job.id} action={rerunExportAction} label="Run again" variant="secondary" />
          </>
        )}
        {job.sha256 && job.downloadUrl && (
          <span className="truncate font-mono text-xs text-slate-500" title="sha256 of the archive">
            sha256 {job.sha256.slice(0, 16)}…
          </span>
        )}
        {isActive(job) && !job.cancelRequested && <JobActionForm jobId={job.id} action={cancelExportAction} label="Cancel" variant="danger" />}
      </div>
    </li>
  );
}
