import type { Metadata } from "next";
import { getDb } from "@/lib/db/client";
import { can } from "@/lib/auth/roles";
import { renderMarkdown } from "@/lib/markdown/render";
import { ITEM_STATUS_COLORS, ITEM_STATUS_LABELS, ITEM_STATUSES } from "@/lib/items/status";
import { projectStats } from "@/lib/projects/projects";
import { BarChart } from "@/app/_components/bar-chart";
import { ButtonLink, Card, EmptyState } from "@/app/_components/ui";
import { loadProjectPage } from "./project-context";

// The layout's title template applies to the pages below it, not to this page of its own segment.
export async function generateMetadata({ params }: { params: Promise<{ slug: string }> }): Promise<Metadata> {
  const { project } = await loadProjectPage((await params).slug);
  return { title: { absolute: `Overview · ${project.name} · SRT Studio` } };
}

export default async function ProjectOverview({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { user, project } = await loadProjectPage(slug);
  const stats = await projectStats(getDb(), project.id);
  const { settings } = project;
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Card title={`Items by status (${stats.totalItems})`}>
        {stats.totalItems === 0 ? (
          <EmptyState
            title="No items yet"
            action={<ButtonLink href={`/projects/${slug}/assets`}>Import images</ButtonLink>}
          >
            Upload images or import a JSONL manifest, then write questions and follow-ups.
          </EmptyState>
        ) : (
          <BarChart
            rows={ITEM_STATUSES.map((status) => ({ key: status, label: ITEM_STATUS_LABELS[status], value: stats.items[status] }))}
            colors={ITEM_STATUS_COLORS}
          />
        )}
      </Card>
      <Card title="Follow-ups and images">
        <BarChart
          rows={[
            { key: "MISLEADING", label: "Misleading follow-ups", value: stats.followUps.MISLEADING },
            { key: "CORRECTIVE", label: "Corrective follow-ups", value: stats.followUps.CORRECTIVE },
            { key: "images", label: "Images", value: stats.assets },
          ]}
          colors={{ MISLEADING: "#ef4444", CORRECTIVE: "#10b981", images: "#64748b" }}
        />
        <dl className="mt-4 grid grid-cols-2 gap-2 text-sm text-slate-600">
          <dt>Follow-ups per item</dt>
          <dd>
            {settings.misleadingPerItem} misleading, {settings.correctivePerItem} corrective
          </dd>
          <dt>Reviews per item</dt>
          <dd>{settings.reviewsPerItem}</dd>
        </dl>
        {can(user, "annotate") && stats.totalItems > 0 && (
          <ButtonLink href={`/projects/${slug}/annotate`} className="mt-4">
            Start annotating
          </ButtonLink>
        )}
      </Card>
      <Card title="Guidelines" className="lg:col-span-2">
        {project.guidelines.trim() ? (
          <div className="prose-guidelines" dangerouslySetInnerHTML={{ __html: renderMarkdown(project.guidelines) }} />
        ) : (
          <p className="text-sm text-slate-500">No guidelines yet{can(user, "manageProject") ? " — add them in Settings." : "."}</p>
        )}
      </Card>
    </div>
  );
}
