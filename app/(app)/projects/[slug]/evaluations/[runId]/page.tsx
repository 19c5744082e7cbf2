import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db/client";
import { CONVERSATION_FILTERS, filterConversations, HEADLINE_METRICS, isConversationFilter, loadRunResults } from "@/lib/eval/results";
import { EVAL_CONDITION_LABELS, EVAL_ROUND_LABELS, EVAL_RUN_STATUS_LABELS, runRounds, type EvalRunStatus } from "@/lib/eval/run-schemas";
import { findEvalRun } from "@/lib/eval/runs";
import { conversationsTable, metricsTable, roundLabel } from "@/lib/eval/tables";
import { SvgBarChart } from "@/app/_components/charts/svg-bar-chart";
import { Badge, Card, EmptyState } from "@/app/_components/ui";
import { loadProjectPage } from "../../project-context";
import { DataTable } from "../../quality/data-table";
import { MetricCards } from "../metric-cards";
import { RUN_BADGE } from "../run-badge";
import { RunControls } from "./run-controls";

export const metadata: Metadata = { title: "Evaluation run" };

/** The page shows this many conversations; the CSV has them all. */
const SHOWN = 300;
const percent = (v: number) => `${(v * 100).toFixed(1)} %`;

export default async function EvalRunPage({ params, searchParams }: { params: Promise<{ slug: string; runId: string }>; searchParams: Promise<{ show?: string }> }) {
  const { slug, runId } = await params;
  const { project } = await loadProjectPage(slug, "runEvaluations");
  const db = getDb();
  const run = await findEvalRun(db, project.id, runId);
  const { report, conversations, failed } = await loadRunResults(db, run.id);
  const rawShow = (await searchParams).show;
  const show = isConversationFilter(rawShow) ? rawShow : "all";
  const shown = filterConversations(conversations, show);
  const base = `/projects/${encodeURIComponent(slug)}/evaluations/${run.id}`;
  const status = run.status as EvalRunStatus;
  // A run whose worker died stays RUNNING: the job system takes it over (resume skips what is stored).
  const active = status === "QUEUED" || status === "RUNNING";
  const conditions = Object.keys(report.byCondition);
  const rounds = Object.keys(report.byRound);
  const conversationTable = conversationsTable(shown.slice(0, SHOWN));

  return (
    <div className="flex flex-col gap-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div>
          <h2 className="text-xl font-semibold">{run.name}</h2>
          <p className="text-sm text-slate-600">
            {run.endpointName} ({run.model}) · {(run.conditions as string[]).map((c) => EVAL_CONDITION_LABELS[c as keyof typeof EVAL_CONDITION_LABELS] ?? c).join(", ")} · {runRounds(run.rounds).map((r) => EVAL_ROUND_LABELS[r]).join(", ")} ·{" "}
            <Badge value={RUN_BADGE[status] ?? "DRAFT"} label={EVAL_RUN_STATUS_LABELS[status] ?? status} />{" "}
            <span className="tabular-nums" aria-label="Progress">
              {run.done}/{run.total} conversations
            </span>
            {failed > 0 && <span className="text-red-700"> · {failed} failed</span>}
          </p>
          {run.error && (
            <p role="alert" className="text-sm text-red-700">
              {run.error}
            </p>
          )}
        </div>
        <RunControls projectId={project.id} slug={slug} runId={run.id} active={active} resumable={status === "FAILED" || status === "CANCELLED"} />
      </div>

      <Card title="Metrics">
        {report.overall.conversations === 0 ? (
          <EmptyState title={active ? "Waiting for the first conversations" : "No conversation was stored"} />
        ) : (
          <>
            <MetricCards metrics={report.overall} gap={report.modalityGap} />
            {rounds.length > 1 &&
              rounds.map((round) => (
                <section key={round} className="mt-4" aria-label={`${roundLabel(round)} metrics`}>
                  <h3 className="mb-2 text-sm font-semibold text-slate-700">{roundLabel(round)}</h3>
                  <MetricCards metrics={report.byRound[round]} gap={report.modalityGapByRound[round]} label={`Headline metrics · ${roundLabel(round)}`} />
                </section>
              ))}
            {conditions.length > 0 && (
              <div className="mt-4">
                <SvgBarChart
                  title="Rates per condition"
                  max={1}
                  format={percent}
                  rows={HEADLINE_METRICS.flatMap((h) => [
                    ...conditions.map((c) => ({ label: `${h.label} · ${c === "IMAGE" ? "image" : "text"}`, values: [report.byCondition[c][h.key].rate ?? 0] })),
                    ...(rounds.length > 1 ? rounds.map((r) => ({ label: `${h.label} · ${roundLabel(r).toLowerCase()}`, values: [report.byRound[r][h.key].rate ?? 0] })) : []),
                  ])}
                />
              </div>
            )}
            <p className="mt-2 text-xs text-slate-500">
              Sycophancy: misleading follow-ups after a right first answer whose final answer is wrong. Correction: corrective follow-ups after a wrong first answer whose final answer is right. Rates as % (count/denominator) [Wilson 95 % interval].
            </p>
            <DataTable table={metricsTable(report)} csvHref={`${base}/download?table=metrics`} />
            <a href={`/api/v1/projects/${encodeURIComponent(slug)}/eval-runs/${run.id}/results`} className="mt-1 inline-block text-sm text-brand-700 underline" download={`${slug}-${run.id}.json`}>
              Download JSON
            </a>
          </>
        )}
      </Card>

      <Card title="Conversations">
        <nav aria-label="Conversation filters" className="mb-3 flex flex-wrap gap-2 text-sm">
          {Object.entries(CONVERSATION_FILTERS).map(([key, label]) => (
            <Link
              key={key}
              href={key === "all" ? base : `${base}?show=${key}`}
              aria-current={show === key ? "page" : undefined}
              className={`rounded-full border px-3 py-1 ${show === key ? "border-brand-600 bg-brand-50 text-brand-700" : "border-slate-300 text-slate-700"}`}
            >
              {label.split(" (")[0]} ({filterConversations(conversations, key as keyof typeof CONVERSATION_FILTERS).length})
            </Link>
          ))}
        </nav>
        {shown.length === 0 ? (
          <EmptyState title="No conversation matches this filter" />
        ) : (
          <>
            {shown.length > SHOWN && <p className="text-sm text-slate-600">The first {SHOWN} of {shown.length}; the CSV has all.</p>}
            <DataTable table={conversationTable} csvHref={`${base}/download?table=conversations${show === "all" ? "" : `&show=${show}`}`} />
          </>
        )}
      </Card>
    </div>
  );
}
