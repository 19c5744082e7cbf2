"use client";

import { useRouter } from "next/navigation";
import { useActionState, useEffect } from "react";
import { startModelAnswersAction } from "@/app/_actions/models";
import { ActionForm } from "@/app/_components/action-form";
import { FormMessage } from "@/app/_components/ui";

export interface ModelAnswersJobView {
  id: string;
  status: string;
  done: number;
  total: number;
  costLine: string | null;
  error: string | null;
  endpointName: string;
}

/** Asks an enabled model for the first answer of every item matching the table's filters, as a background job. */
export function ModelAnswersForm({
  projectId,
  endpoints,
  filter,
  jobs,
}: {
  projectId: string;
  endpoints: { id: string; name: string }[];
  filter: Record<string, unknown>;
  jobs: ModelAnswersJobView[];
}) {
  const router = useRouter();
  const [state, action, pending] = useActionState(
    (previous: unknown, data: FormData) => startModelAnswersAction(previous, { projectId, endpointId: data.get("endpointId"), filter }),
    null,
  );
  const running = jobs.some((j) => j.status === "RUNNING" || j.status === "QUEUED");
  // Progress lives on the Job row: refresh while a job runs.
  useEffect(() => {
    if (!running && !state?.ok) return;
    const timer = setInterval(() => router.refresh(), 1500);
    return () => clearInterval(timer);
  }, [router, running, state]);
  return (
    <section aria-labelledby="model-answers-title" className="flex flex-col gap-2 rounded-xl border border-slate-200 bg-white p-4 text-sm shadow-sm" data-testid="model-answers">
      <ActionForm action={action} className="flex flex-wrap items-center gap-2">
        <h2 id="model-answers-title" className="font-semibold text-slate-800">
          Model answers
        </h2>
        <label htmlFor="model-answers-endpoint" className="sr-only">
          Model endpoint
        </label>
        <select id="model-answers-endpoint" name="endpointId" className="rounded-lg border border-slate-300 bg-white px-2 py-1.5">
          {endpoints.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </select>
        <button type="submit" disabled={pending} className="rounded-lg border border-slate-300 bg-white px-3 py-1.5 font-medium text-slate-800 hover:bg-slate-50 disabled:text-slate-400">
          Ask the model for the filtered items
        </button>
        <span className="text-xs text-slate-500">Items it already answered are skipped; nothing in the items changes.</span>
      </ActionForm>
      <FormMessage state={state} />
      {jobs.length > 0 && (
        <ul className="flex flex-col gap-1 text-xs text-slate-700">
          {jobs.map((j) => (
            <li key={j.id} data-testid="model-answers-job">
              <span className="font-medium">{j.endpointName}</span> · {j.status.toLowerCase()}{j.status === "RUNNING" && ` · ${j.done}/${j.total}`}
              {j.costLine && ` · ${j.costLine}`}
              {j.error && <span className="text-red-700"> · {j.error}</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
