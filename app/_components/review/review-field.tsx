"use client";

import { useState } from "react";
import { reviewerEditAction } from "@/app/_actions/reviews";

/**
 * One field of the item or a follow-up, read-only, with an inline comment box and, for the reviewer
 * holding the item, a direct fix (recorded as the reviewer's edit).
 */
export function ReviewField({
  id, label, value, comment, onComment, canComment, fix,
}: {
  id: string;
  label: string;
  value: string;
  comment: string | undefined;
  onComment: (body: string | undefined) => void;
  canComment: boolean;
  /** Present when the reviewer may fix this field's text. */
  fix?: { itemId: string; version: number; followUpId: string | null; field: string; onFixed: () => void };
}) {
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(value);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const open = comment !== undefined;

  async function saveFix() {
    if (!fix) return;
    setSaving(true);
    const result = await reviewerEditAction(null, { itemId: fix.itemId, expectedVersion: fix.version, followUpId: fix.followUpId, field: fix.field, value: text });
    setSaving(false);
    if (!result.ok) return setError(result.error);
    setEditing(false);
    fix.onFixed();
  }

  return (
    <div className="flex flex-col gap-1" data-testid={`field-${id}`}>
      <div className="flex flex-wrap items-center gap-2">
        <span className="text-xs font-semibold text-slate-600">{label}</span>
        {canComment && (
          <button type="button" className="text-xs text-brand-700 underline" aria-expanded={open} onClick={() => onComment(open ? undefined : "")} aria-label={`Comment on ${label}`}>
            {open ? "Remove comment" : "Comment"}
          </button>
        )}
        {fix && !editing && (
          <button type="button" className="text-xs text-slate-600 underline" onClick={() => (setText(value), setEditing(true))} aria-label={`Fix ${label}`}>
            Fix
          </button>
        )}
      </div>
      {editing ? (
        <div className="flex flex-col gap-1">
          <textarea aria-label={`New ${label}`} className="rounded-md border border-slate-300 px-2 py-1 text-sm" rows={2} value={text} onChange={(e) => setText(e.target.value)} />
          <div className="flex gap-2">
            <button type="button" disabled={saving} onClick={saveFix} className="rounded-md bg-brand-600 px-2 py-1 text-xs font-medium text-white">
              {saving ? "Saving…" : "Save fix"}
            </button>
            <button type="button" onClick={() => setEditing(false)} className="rounded-md border border-slate-300 px-2 py-1 text-xs">
              Cancel
            </button>
          </div>
          {error && (
            <p role="alert" className="text-xs text-red-700">
              {error}
            </p>
          )}
        </div>
      ) : (
        <p className="text-sm whitespace-pre-wrap">{value || <span className="text-slate-400 italic">(empty)</span>}</p>
      )}
      {open && (
        <textarea
          aria-label={`Comment on ${label}`}
          data-testid={`comment-${id}`}
          className="rounded-md border border-amber-300 bg-amber-50 px-2 py-1 text-sm"
          rows={2}
          placeholder="What should change here?"
          value={comment}
          onChange={(e) => onComment(e.target.value)}
        />
      )}
    </div>
  );
}
