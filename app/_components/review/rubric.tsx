"use client";

import { RUBRIC_CRITERIA, RUBRIC_LABELS, SCORE_MAX, SCORE_MIN, type RubricCriterion } from "@/lib/reviews/rubric";

const SCORES = Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, (_, i) => SCORE_MIN + i);

/**
 * The five criteria, each a radio group 1–5 with the project's description. Keys 1–5 (handled by the
 * screen) score the focused criterion and move focus to the next one.
 */
export function Rubric({
  scores, descriptions, onScore, disabled, groupRef,
}: {
  scores: Partial<Record<RubricCriterion, number>>;
  descriptions: Record<string, string>;
  onScore: (criterion: RubricCriterion, score: number) => void;
  disabled: boolean;
  groupRef: (criterion: RubricCriterion, el: HTMLElement | null) => void;
}) {
  return (
    <fieldset disabled={disabled} className="flex flex-col gap-3" aria-label="Rubric">
      {RUBRIC_CRITERIA.map((c) => (
        <div
          key={c}
          role="radiogroup"
          aria-labelledby={`rubric-${c}`}
          aria-describedby={`rubric-${c}-desc`}
          tabIndex={0}
          ref={(el) => groupRef(c, el)}
          data-criterion={c}
          data-testid={`rubric-${c}`}
          className="rounded-lg border border-slate-200 p-2 focus:border-brand-500 focus:ring-1 focus:ring-brand-500 focus:outline-none"
        >
          <div className="flex flex-wrap items-center justify-between gap-2">
            <span id={`rubric-${c}`} className="text-sm font-medium">
              {RUBRIC_LABELS[c]}
            </span>
            <div className="flex gap-1">
              {SCORES.map((s) => (
                <button
                  key={s}
                  type="button"
                  role="radio"
                  aria-checked={scores[c] === s}
                  aria-label={`${RUBRIC_LABELS[c]} ${s}`}
                  tabIndex={-1}
                  onClick={() => onScore(c, s)}
                  className={`h-8 w-8 rounded-md text-sm font-semibold ${scores[c] === s ? "bg-brand-600 text-white" : "border border-slate-300 bg-white text-slate-700"}`}
                >
                  {s}
                </button>
              ))}
            </div>
          </div>
          <p id={`rubric-${c}-desc`} className="mt-1 text-xs text-slate-500">
            {descriptions[c]}
          </p>
        </div>
      ))}
    </fieldset>
  );
}
