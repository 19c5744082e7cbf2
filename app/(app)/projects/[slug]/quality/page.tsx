import type { Metadata } from "next";
import { ZodError } from "zod";
import { getDb } from "@/lib/db/client";
import { ITEM_STATUSES, ITEM_STATUS_COLORS, ITEM_STATUS_LABELS } from "@/lib/items/status";
import { loadQualityDashboard } from "@/lib/quality/dashboard";
import { AGREEMENT_MAX_REVIEWS, AGREEMENT_UNITS } from "@/lib/quality/dashboard/agreement";
import { parseQualityFilters, type QualityFilters } from "@/lib/quality/filters";
import { dashboardTables, type TableId } from "@/lib/quality/tables";
import { LineChart } from "@/app/_components/charts/line-chart";
import { SvgBarChart } from "@/app/_components/charts/svg-bar-chart";
import { Card, EmptyState } from "@/app/_components/ui";
import { loadProjectPage } from "../project-context";
import { DataTable } from "./data-table";
import { FiltersForm } from "./filters-form";

export const metadata: Metadata = { title: "Quality" };

type SearchParams = Record<string, string | string[] | undefined>;

export default async function QualityPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<SearchParams> }) {
  const { slug } = await params;
  const { project } = await loadProjectPage(slug, "viewQuality");
  const raw = await searchParams;
  const db = getDb();
  let filters: QualityFilters = {};
  let filterError: string | null = null;
  try {
    filters = parseQualityFilters(raw);
  } catch (error) {
    if (!(error instanceof ZodError)) throw error;
    filterError = error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
  }
  const [dashboard, people] = await Promise.all([
    loadQualityDashboard(db, project.id, filters),
    db.user.findMany({ where: { memberships: { some: { projectId: project.id } } }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  const tables = dashboardTables(dashboard);
  const query = new URLSearchParams(Object.entries(raw).flatMap(([k, v]) => (typeof v === "string" && v !== "" && ["from", "to", "user"].includes(k) ? [[k, v]] : [])));
  const csv = (id: TableId) => `/projects/${encodeURIComponent(slug)}/quality/csv/${id}${query.size > 0 ? `?${query}` : ""}`;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : (v ?? ""));
  const percent = (v: number) => `${Math.round(v * 100)} %`;

  return (
    <div className="flex flex-col gap-6">
      <FiltersForm from={one(raw.from)} to={one(raw.to)} user={one(raw.user)} people={people} />
      {filterError && (
        <p role="alert" className="text-sm text-red-700">
          Filters ignored — {filterError}
        </p>
      )}

      <Card title="Items per status over time">
        {dashboard.statusDays.length === 0 ? (
          <EmptyState title="No days in this range" />
        ) : (
          <LineChart
            title="Items per status over time"
            xLabels={dashboard.statusDays.map((d) => d.day)}
            series={ITEM_STATUSES.map((s) => ({ label: ITEM_STATUS_LABELS[s], color: ITEM_STATUS_COLORS[s], values: dashboard.statusDays.map((d) => d[s]) }))}
          />
        )}
        <DataTable table={tables.status} csvHref={csv("status")} />
      </Card>

      <Card title="Annotators">
        {tables.annotators.rows.length === 0 ? (
          <EmptyState title="Nothing submitted in this range">Throughput, acceptance and gold accuracy appear once annotators submit items.</EmptyState>
        ) : (
          <SvgBarChart
            title="Items submitted per annotator"
            rows={dashboard.annotators.map((a) => ({ label: a.name, values: [a.submitted] }))}
          />
        )}
        <DataTable table={tables.annotators} csvHref={csv("annotators")} />
      </Card>

      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Mean rubric score">
          {dashboard.rubric[0].reviews === 0 ? (
            <EmptyState title="No reviews in this range" />
          ) : (
            <SvgBarChart title="Mean rubric score per criterion" max={5} format={(v) => v.toFixed(2)} rows={dashboard.rubric.map((r) => ({ label: r.label, values: [r.mean ?? 0] }))} />
          )}
          <DataTable table={tables.rubric} csvHref={csv("rubric")} />
        </Card>

        <Card title="Follow-ups per tactic">
          {dashboard.tactics.length === 0 ? (
            <EmptyState title="No follow-ups in this range" />
          ) : (
            <SvgBarChart title="Follow-ups per tactic" legend={["Misleading", "Corrective"]} rows={dashboard.tactics.map((t) => ({ label: t.tactic, values: [t.misleading, t.corrective] }))} />
          )}
          <DataTable table={tables.tactics} csvHref={csv("tactics")} />
        </Card>
      </div>

      <Card title="Reviewer agreement">
        <p className="text-sm text-slate-600">
          Over the {AGREEMENT_UNITS.toLocaleString("en")} most recently reviewed items with two or more reviewers in the range, found among its newest {AGREEMENT_MAX_REVIEWS.toLocaleString("en")} reviews; a reviewer&apos;s latest review of an item counts. κ and α run from −1 to 1 (1: perfect
          agreement, 0: chance); “—” when undefined, with the reason.
        </p>
        {dashboard.agreement.rubricAlpha.some((a) => a.value !== null) && (
          <SvgBarChart
            title="Krippendorff's α (ordinal) per rubric criterion"
            max={1}
            format={(v) => v.toFixed(3)}
            rows={dashboard.agreement.rubricAlpha.map((a) => ({ label: a.label, values: [Math.max(0, a.value ?? 0)] }))}
          />
        )}
        <DataTable table={tables.agreement} csvHref={csv("agreement")} />
      </Card>

      {dashboard.gold.length > 0 && (
        <Card title="Gold accuracy">
          <SvgBarChart title="Gold accuracy per annotator" max={1} format={percent} rows={dashboard.gold.map((g) => ({ label: g.name, values: [g.accuracy ?? 0] }))} />
        </Card>
      )}
    </div>
  );
}
