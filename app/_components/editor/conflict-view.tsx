"use client";

import { useEffect, useRef, useState } from "react";
import { conflictRows, defaultChoices } from "@/lib/followups/conflict-rows";
import type { Choice } from "@/lib/followups/merge";
import type { PendingConflict } from "@/lib/followups/editor-state";
import { Button } from "@/app/_components/ui";

/**
 * Someone saved the item while this editor had unsaved changes: both versions side by side, one
 * choice per differing field, then the merge is saved on top of their version. Nothing is overwritten
 * without the annotator seeing it.
 */
export function ConflictView({ conflict, onResolve }: { conflict: PendingConflict; onResolve: (choices: Record<string, Choice>) => void }) {
  const [rows] = useState(() => conflictRows(conflict.base, conflict.mine, conflict.theirsDraft));
  const [choices, setChoices] = useState(() => defaultChoices(rows));
  const section = useRef<HTMLElement>(null);
  // The conflict appears where the annotator was typing: bring it into view and move focus to it.
  useEffect(() => {
    section.current?.scrollIntoView({ block: "start" });
    section.current?.focus();
  }, []);
  const all = (choice: Choice) => setChoices(Object.fromEntries(rows.map((r) => [r.key, choice])));

  return (
    <section ref={section} tabIndex={-1} aria-labelledby="conflict-title" data-testid="conflict-view" className="scroll-mt-4 rounded-xl border-2 border-amber-400 bg-amber-50 p-4">
      <h2 id="conflict-title" className="text-lg font-semibold text-amber-900">
        This item was saved elsewhere while you were editing (version {conflict.theirs.version})
      </h2>
      <p className="mt-1 text-sm text-amber-900">
        Nothing was overwritten. For each field that differs, keep yours or take theirs; the result is saved on top of their version.
      </p>
      <div className="mt-3 flex flex-wrap gap-2">
        <Button type="button" variant="secondary" onClick={() => all("mine")}>
          Keep all mine
        </Button>
        <Button type="button" variant="secondary" onClick={() => all("theirs")}>
          Take all theirs
        </Button>
      </div>
      <div className="mt-3 overflow-x-auto">
        <table className="w-full border-separate border-spacing-y-1 text-sm">
          <thead>
            <tr className="text-left text-xs text-slate-600 uppercase">
              <th scope="col" className="px-2">Field</th>
              <th scope="col" className="px-2">Yours</th>
              <th scope="col" className="px-2">Theirs</th>
              <th scope="col" className="px-2">Keep</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} className="bg-white align-top" data-testid={`conflict-${row.key}`}>
                <th scope="row" className="w-48 px-2 py-2 text-left font-medium">
                  {row.label}
                </th>
                <td className={`px-2 py-2 whitespace-pre-wrap ${choices[row.key] === "mine" ? "bg-emerald-50" : ""}`} data-testid="mine">
                  {row.mine || <span className="text-slate-400 italic">(empty)</span>}
                </td>
                <td className={`px-2 py-2 whitespace-pre-wrap ${choices[row.key] === "theirs" ? "bg-emerald-50" : ""}`} data-testid="theirs">
                  {row.theirs || <span className="text-slate-400 italic">(empty)</span>}
                </td>
                <td className="px-2 py-2">
                  <div role="radiogroup" aria-label={`Keep for ${row.label}`} className="flex flex-col gap-1 whitespace-nowrap">
                    {(["mine", "theirs"] as const).map((choice) => (
                      <label key={choice} className="flex items-center gap-1.5">
                        <input
                          type="radio"
                          name={`choice-${row.key}`}
                          checked={choices[row.key] === choice}
                          onChange={() => setChoices((c) => ({ ...c, [row.key]: choice }))}
                          className="h-4 w-4 accent-brand-600"
                        />
                        {choice === "mine" ? "Keep mine" : "Take theirs"}
                      </label>
                    ))}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Button type="button" className="mt-3" onClick={() => onResolve(choices)}>
        Save merged version
      </Button>
    </section>
  );
}
