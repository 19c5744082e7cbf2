import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db/client";
import { changedOutcomes, HEADLINE_METRICS, loadRunResults } from "@/lib/eval/results";
import { findEvalRun } from "@/lib/eval/runs";
import { changedTable, comparisonTable } from "@/lib/eval/tables";
import { toCsv } from "@/lib/quality/tables";
import { SvgBarChart } from "@/app/_components/charts/svg-bar-chart";
import { Card, EmptyState } from "@/app/_components/ui";
import { loadProjectPage } from "../../project-context";
import { DataTable } from "../../quality/data-table";

export const metadata: Metadata = { title: "Compare evaluation runs" };

const percent = (v: number) => `${(v * 100).toFixed(1)} %`;

export default async function CompareRunsPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<{ runs?: string | string[] }> }) {
  const { slug } = await params;
  const { project } = await loadProjectPage(slug, "runEvaluations");
  const ids = [...new Set([(await searchParams).runs ?? []].flat())];
  const back = `/projects/${encodeURIComponent(slug)}/evaluations`;
  if (ids.length < 2 || ids.length > 4) {
    return (
      <Card title="Compare runs">
        <EmptyState title="Pick 2 to 4 runs to compare" action={<Link href={back} className="text-brand-700 underline">Back to the runs</Link>}>
          {ids.length} selected.
        </EmptyState>
      </Card>
    );
  }
  const db = getDb();
  const runs = await Promise.all(
    ids.map(async (id) => {
      const run = await findEvalRun(db, project.id, id);
      return { run, ...(await loadRunResults(db, run.id)) };
    }),
  );
  const names = runs.map((r) => r.run.name);
  const comparison = comparisonTable(runs.map((r) => ({ name: r.run.name, report: r.report })));
  const changed = changedTable(names, changedOutcomes(runs.map((r) => r.conversations.filter((c) => c.error === null))));
  const csv = (table: typeof comparison) => `data:text/csv;charset=utf-8,${encodeURIComponent(toCsv(table))}`;

  return (
    <div className="flex flex-col gap-6">
      <Card title={`Runs compared: ${names.join(" · ")}`}>
        <SvgBarChart
          title="Headline metrics per run"
          max={1}
          format={percent}
          rows={HEADLINE_METRICS.flatMap((h) => runs.map((r) => ({ label: `${h.label} · ${r.run.name}`, values: [r.report.overall[h.key].rate ?? 0] })))}
        />
        <DataTable table={comparison} csvHref={csv(comparison)} />
      </Card>
      <Card title="Items whose outcome changed">
        {changed.rows.length === 0 ? (
          <EmptyState title="Every conversation asked in these runs came out the same" />
        ) : (
          <DataTable table={changed} csvHref={csv(changed)} />
        )}
      </Card>
      <Link href={back} className="text-sm text-brand-700 underline">
        Back to the runs
      </Link>
    </div>
  );
}
