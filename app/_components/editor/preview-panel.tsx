"use client";

import type { ItemDraft } from "@/lib/followups/editor-draft";
import { previewConversation } from "@/lib/followups/preview";

/** The selected follow-up as the export writes it: four turns, the last rendered with the project's template. */
export function PreviewPanel({ draft, index, template, onSelect }: { draft: ItemDraft; index: number; template: string; onSelect: (index: number) => void }) {
  const f = draft.followUps[index];
  if (!f) return <p className="text-sm text-slate-500">This project asks for no follow-ups.</p>;
  const turns = previewConversation(draft, f, template);
  return (
    <section aria-labelledby="preview-title" className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="mb-2 flex flex-wrap items-center gap-2">
        <h2 id="preview-title" className="text-sm font-semibold">
          Preview (as exported)
        </h2>
        <div role="group" aria-label="Follow-up to preview" className="ml-auto flex flex-wrap gap-1">
          {draft.followUps.map((x, i) => (
            <button
              key={i}
              type="button"
              aria-pressed={i === index}
              onClick={() => onSelect(i)}
              className={`rounded-md px-2 py-0.5 text-xs font-medium ${i === index ? "bg-brand-600 text-white" : "border border-slate-300 bg-white text-slate-700"}`}
            >
              {i + 1} {x.kind === "MISLEADING" ? "misleading" : "corrective"}
            </button>
          ))}
        </div>
      </div>
      <ol className="flex flex-col gap-2 text-sm" data-testid="preview">
        {turns.map((turn, i) => (
          <li key={i} className={`rounded-lg px-3 py-2 ${turn.role === "user" ? "bg-slate-100" : "bg-brand-50"}`}>
            <p className="mb-0.5 text-xs font-semibold text-slate-600 uppercase">{turn.role}</p>
            {turn.image && <p className="mb-1 text-xs text-slate-600">[image]</p>}
            <p className="whitespace-pre-wrap" data-testid={`preview-turn-${i}`}>
              {turn.text || <span className="text-slate-600 italic">(empty)</span>}
            </p>
          </li>
        ))}
      </ol>
    </section>
  );
}
