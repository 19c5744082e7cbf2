import type { Metadata } from "next";
import { getDb } from "@/lib/db/client";
import { plural } from "@/lib/format";
import { listJobs } from "@/lib/jobs/list";
import { Card, EmptyState, PageHeader } from "@/app/_components/ui";
import { requirePageUser } from "@/app/_server/session";
import { JobRow } from "./job-row";

export const metadata: Metadata = { title: "Jobs" };
export const dynamic = "force-dynamic";

/** Every background job of every instance (newest 100): what runs where, what failed and why. */
export default async function JobsPage() {
  await requirePageUser("manageUsers");
  const jobs = await listJobs(getDb(), { limit: 100 });
  return (
    <>
      <PageHeader title="Jobs" subtitle={`${plural(jobs.length, "job")}, newest first · exports and other background work, on every instance`} />
      <Card className="min-w-0">
        {jobs.length === 0 ? (
          <EmptyState title="No background jobs yet">Exports started from a project&apos;s Export tab show up here.</EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm" aria-label="Background jobs">
              <thead className="text-xs uppercase text-slate-500">
                <tr>
                  <th className="py-2">Job</th>
                  <th>Status</th>
                  <th>Progress</th>
                  <th>Attempts</th>
                  <th>Worker</th>
                  <th className="sr-only">Actions</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {jobs.map((job) => (
                  <JobRow key={job.id} job={job} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
