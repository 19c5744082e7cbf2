"use client";

import { plural } from "@/lib/format";
import { hasErrors } from "@/lib/lints/issues";
import type { LintIssue } from "@/lib/lints/types";
import { focusIssue } from "./focus";

/** The checks of the whole item: counts, and every issue as a button that focuses its field. */
export function LintSummary({ issues, errors, warnings }: { issues: LintIssue[]; errors: number; warnings: number }) {
  return (
    <section aria-labelledby="lint-title" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <h2 id="lint-title" className="text-sm font-semibold">
        Checks{" "}
        <span id="lint-count" data-testid="lint-count" className={errors ? "text-red-700" : warnings ? "text-amber-700" : "text-emerald-700"}>
          {errors === 0 && warnings === 0 ? "· all clear" : `· ${plural(errors, "error")}, ${plural(warnings, "warning")}`}
        </span>
      </h2>
      {hasErrors(issues) && <p className="mt-1 text-xs text-slate-500">Errors block submitting; warnings do not.</p>}
      {issues.length > 0 && (
        <ul className="mt-2 flex max-h-64 flex-col gap-1 overflow-y-auto text-xs">
          {issues.map((issue, i) => (
            <li key={i}>
              <button
                type="button"
                onClick={() => focusIssue(issue)}
                className={`text-left hover:underline ${issue.severity === "error" ? "text-red-700" : "text-amber-700"}`}
              >
                <span className="sr-only">{issue.severity}: </span>
                {issue.message}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
