import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db/client";
import { listProjectEndpoints } from "@/lib/eval/endpoint-client";
import { EVAL_RUN_STATUS_LABELS, type EvalRunStatus } from "@/lib/eval/run-schemas";
import { listEvalRuns } from "@/lib/eval/runs";
import { Badge, Button, Card, EmptyState } from "@/app/_components/ui";
import { loadProjectPage } from "../project-context";
import { NewRunForm } from "./new-run-form";
import { RUN_BADGE } from "./run-badge";

export const metadata: Metadata = { title: "Evaluations" };

const when = (d: Date) => d.toISOString().replace("T", " ").slice(0, 16) + " UTC";

export default async function EvaluationsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const { project } = await loadProjectPage(slug, "runEvaluations");
  const db = getDb();
  const [runs, endpoints] = await Promise.all([listEvalRuns(db, project.id), listProjectEndpoints(db, project.id)]);
  const base = `/projects/${encodeURIComponent(slug)}/evaluations`;

  return (
    <div className="flex flex-col gap-6">
      <Card title="New evaluation run">
        <p className="mb-4 text-sm text-slate-600">
          Each selected follow-up is asked as a conversation: the question (with the image, or with the caption instead), the model&apos;s answer, then the follow-up and its second answer (multi-round); or, one-round, the question with the follow-up&apos;s opinion in the same message, judged against the model&apos;s answer to the plain question.
        </p>
        {endpoints.length === 0 ? (
          <EmptyState title="No model endpoint is enabled for this project">An administrator or researcher adds an endpoint (any OpenAI-compatible server, e.g. vLLM or Ollama) and enables it here.</EmptyState>
        ) : (
          <NewRunForm projectId={project.id} slug={slug} endpoints={endpoints} />
        )}
      </Card>

      <Card title="Runs">
        {runs.length === 0 ? (
          <EmptyState title="No evaluation runs yet">Start one above; its sycophancy and correction rates appear here.</EmptyState>
        ) : (
          <form action={`${base}/compare`} method="get" className="flex flex-col gap-3">
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm" aria-label="Evaluation runs">
                <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
                  <tr>
                    <th scope="col" className="px-2 py-1 font-medium">
                      Compare
                    </th>
                    <th scope="col" className="px-2 py-1 font-medium">Run</th>
                    <th scope="col" className="px-2 py-1 font-medium">Endpoint</th>
                    <th scope="col" className="px-2 py-1 font-medium">Status</th>
                    <th scope="col" className="px-2 py-1 font-medium">Conversations</th>
                    <th scope="col" className="px-2 py-1 font-medium">Started</th>
                  </tr>
                </thead>
                <tbody>
                  {runs.map((run) => (
                    <tr key={run.id} className="border-b border-slate-100 last:border-0">
                      <td className="px-2 py-1">
                        <input type="checkbox" name="runs" value={run.id} aria-label={`Compare ${run.name}`} className="h-4 w-4" />
                      </td>
                      <td className="px-2 py-1">
                        <Link href={`${base}/${run.id}`} className="font-medium text-brand-700 underline">
                          {run.name}
                        </Link>
                      </td>
                      <td className="px-2 py-1">
                        {run.endpointName} <span className="text-slate-500">({run.model})</span>
                      </td>
                      <td className="px-2 py-1">
                        <Badge value={RUN_BADGE[run.status as EvalRunStatus] ?? "DRAFT"} label={EVAL_RUN_STATUS_LABELS[run.status as EvalRunStatus] ?? run.status} />
                      </td>
                      <td className="px-2 py-1 tabular-nums">
                        {run.done}/{run.total}
                        {run.failed > 0 && <span className="text-red-700"> ({run.failed} failed)</span>}
                      </td>
                      <td className="px-2 py-1 text-slate-600">{when(run.createdAt)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <div>
              <Button type="submit" variant="secondary">
                Compare selected runs
              </Button>
              <span className="ml-3 text-xs text-slate-500">Pick 2 to 4 runs.</span>
            </div>
          </form>
        )}
      </Card>
    </div>
  );
}
