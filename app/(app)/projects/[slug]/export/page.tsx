import type { Metadata } from "next";
import { getDb } from "@/lib/db/client";
import { listExportJobs } from "@/lib/export/job-view";
import { countExportMatches } from "@/lib/export/summary";
import { countItemsByStatus } from "@/lib/items/list";
import { getStorage } from "@/lib/storage";
import { Card } from "@/app/_components/ui";
import { loadProjectPage } from "../project-context";
import { ExportForm } from "./export-form";
import { ExportJobs } from "./export-jobs";

export const metadata: Metadata = { title: "Export" };

export default async function ExportPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { project } = await loadProjectPage(slug, "exportData");
  const db = getDb();
  const [jobs, matches, statuses] = await Promise.all([
    listExportJobs(db, getStorage(), project, 20),
    countExportMatches(db, project.id, {}),
    countItemsByStatus(db, project.id),
  ]);

  return (
    <div className="grid gap-6 lg:grid-cols-[26rem_1fr]">
      <Card title="New export">
        <ExportForm projectId={project.id} initialMatches={matches} />
      </Card>
      <section aria-labelledby="exports-heading">
        <h2 id="exports-heading" className="mb-3 text-base font-semibold">
          Exports
        </h2>
        <ExportJobs initialJobs={jobs} listUrl={`/api/v1/projects/${encodeURIComponent(project.slug)}/exports?limit=20`} approvedItems={statuses.APPROVED} approvedRecords={matches.records} />
      </section>
    </div>
  );
}
