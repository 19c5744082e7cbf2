"use client";

import { useState, useTransition } from "react";
import type { ModelAnswerView } from "@/lib/models/ask";
import { askModelAction } from "@/app/_actions/models";

export interface EditorModels {
  endpoints: { id: string; name: string; model: string }[];
  /** Stored answers for this item, newest first. */
  answers: ModelAnswerView[];
}

/**
 * "Ask model": the model's first answer to the question with the image, read and judged. Nothing in the
 * item changes unless the person uses the answer in a follow-up.
 */
export function AskModelPanel({
  itemId,
  models,
  endpointId,
  onEndpoint,
  onUse,
  disabled,
}: {
  itemId: string;
  models: EditorModels;
  endpointId: string;
  onEndpoint: (id: string) => void;
  onUse: (kind: "MISLEADING" | "CORRECTIVE", answer: string) => void;
  disabled: boolean;
}) {
  const [answers, setAnswers] = useState(models.answers);
  const [error, setError] = useState<string | null>(null);
  const [asking, startAsking] = useTransition();
  const latest = answers.find((a) => a.endpointId === endpointId) ?? null;

  const ask = () =>
    startAsking(async () => {
      setError(null);
      const result = await askModelAction(null, { itemId, endpointId });
      if (result.ok && result.data) setAnswers((list) => [result.data!, ...list]);
      else setError(result.ok ? "No answer." : result.error);
    });

  if (models.endpoints.length === 0) return null;
  return (
    <section aria-labelledby="ask-model-title" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm" data-testid="ask-model">
      <div className="flex flex-wrap items-center gap-2">
        <h3 id="ask-model-title" className="font-semibold text-slate-800">
          Model
        </h3>
        <label htmlFor="ask-model-endpoint" className="sr-only">
          Model endpoint
        </label>
        <select
          id="ask-model-endpoint"
          value={endpointId}
          onChange={(e) => onEndpoint(e.target.value)}
          className="min-w-0 flex-1 rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm"
        >
          {models.endpoints.map((e) => (
            <option key={e.id} value={e.id}>
              {e.name}
            </option>
          ))}
        </select>
        <button type="button" onClick={ask} disabled={asking} className="rounded-lg bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700 disabled:bg-slate-300">
          {asking ? "Asking…" : "Ask model"}
        </button>
      </div>
      {error && (
        <p role="alert" className="mt-2 text-sm text-red-700">
          {error}
        </p>
      )}
      {latest && (
        <div className="mt-3 flex flex-col gap-2 text-sm" data-testid="model-answer">
          {latest.error ? (
            <p className="text-red-800">The request failed: {latest.error}</p>
          ) : (
            <>
              <p>
                <span className="text-slate-500">{latest.model} answered </span>
                <strong>{latest.answerText ?? `“${latest.rawReply}”`}</strong>
                {latest.correct === true && <span className="ml-2 rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800">right</span>}
                {latest.correct === false && <span className="ml-2 rounded-full bg-red-100 px-2 py-0.5 text-xs font-medium text-red-800">wrong</span>}
                {latest.correct === null && <span className="ml-2 rounded-full bg-slate-100 px-2 py-0.5 text-xs text-slate-700">not readable as an answer</span>}
                {latest.latencyMs !== null && <span className="ml-2 text-xs text-slate-500">{latest.latencyMs} ms</span>}
              </p>
              {latest.answerText !== null && latest.rawReply.trim() !== latest.answerText && <p className="text-xs text-slate-500">Reply: “{latest.rawReply}”</p>}
              {latest.parsedAnswer !== null && latest.correct !== null && (
                <button
                  type="button"
                  disabled={disabled}
                  onClick={() => onUse(latest.correct ? "MISLEADING" : "CORRECTIVE", latest.parsedAnswer!)}
                  className="self-start rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:text-slate-400"
                >
                  {latest.correct ? "Use as the initial answer of a misleading follow-up" : "Use as the initial answer of a corrective follow-up"}
                </button>
              )}
            </>
          )}
        </div>
      )}
    </section>
  );
}
