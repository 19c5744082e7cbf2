"use client";

import { startTransition, useActionState, useEffect, useState, type FormEvent } from "react";
import { bulkAssignAction, bulkSetStatusAction } from "@/app/_actions/items";
import { FormMessage } from "@/app/_components/ui";
import { useHydrated } from "@/app/_components/use-hydrated";
import { itemStatusLabel } from "@/lib/items/status";

const selected = () => [...document.querySelectorAll<HTMLInputElement>('input[name="itemIds"]:checked')].map((i) => i.value);

/** Admin bulk actions on the rows ticked in the table: assign (or unassign) and change status. */
export function BulkActions({ projectId, members, statuses }: { projectId: string; members: { id: string; name: string }[]; statuses: string[] }) {
  const [assignState, assign, assigning] = useActionState(bulkAssignAction, null);
  const [statusState, setStatus, settingStatus] = useActionState(bulkSetStatusAction, null);
  const [count, setCount] = useState(0);

  useEffect(() => {
    const update = () => setCount(selected().length);
    document.addEventListener("change", update);
    // Rows ticked before this listener existed (before hydration) count too.
    update();
    return () => document.removeEventListener("change", update);
  }, []);

  // After an action the table re-renders; the selection is cleared.
  useEffect(() => {
    if (!assignState?.ok && !statusState?.ok) return;
    document.querySelectorAll<HTMLInputElement>('input[name="itemIds"], input[data-select-all]').forEach((i) => (i.checked = false));
    document.dispatchEvent(new Event("change"));
  }, [assignState, statusState]);

  const submit = (action: (data: FormData) => void) => (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    for (const id of selected()) data.append("itemIds", id);
    startTransition(() => action(data));
  };

  return (
    <section aria-label="Bulk actions" className="flex flex-wrap items-end gap-4 rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-sm" data-testid="bulk-actions">
      <p className="text-sm text-slate-700" aria-live="polite">
        <span className="font-semibold tabular-nums" data-testid="selected-count">
          {count}
        </span>{" "}
        selected
      </p>
      <form onSubmit={submit(assign)} className="flex items-end gap-2">
        <input type="hidden" name="projectId" value={projectId} />
        <div className="flex flex-col gap-1">
          <label htmlFor="bulk-assignee" className="text-xs font-medium text-slate-600">
            Assign to
          </label>
          <select id="bulk-assignee" name="assigneeId" defaultValue="" className="rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm">
            <option value="" disabled>
              choose…
            </option>
            <option value="none">nobody (unassign)</option>
            {members.map((m) => (
              <option key={m.id} value={m.id}>
                {m.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={assigning || count === 0} className="rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50 disabled:text-slate-400">
          Assign
        </button>
      </form>
      <form onSubmit={submit(setStatus)} className="flex items-end gap-2">
        <input type="hidden" name="projectId" value={projectId} />
        <div className="flex flex-col gap-1">
          <label htmlFor="bulk-status" className="text-xs font-medium text-slate-600">
            Set status
          </label>
          <select id="bulk-status" name="status" defaultValue="" className="rounded-lg border border-slate-300 bg-white px-2 py-1.5 text-sm">
            <option value="" disabled>
              choose…
            </option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {itemStatusLabel(s)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={settingStatus || count === 0} className="rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50 disabled:text-slate-400">
          Apply
        </button>
      </form>
      <div className="flex flex-col gap-0.5" data-testid="bulk-message">
        <FormMessage state={assignState} />
        <FormMessage state={statusState} />
      </div>
    </section>
  );
}

/** Ticks or clears every row of the page. */
export function SelectAll() {
  // Before hydration a tick would tick nothing else: the box waits for its handler.
  const hydrated = useHydrated();
  return (
    <input
      type="checkbox"
      data-select-all
      aria-label="Select every item on this page"
      className="h-4 w-4 accent-brand-600"
      disabled={!hydrated}
      onChange={(e) => {
        document.querySelectorAll<HTMLInputElement>('input[name="itemIds"]').forEach((i) => (i.checked = e.target.checked));
        // Setting `checked` fires no event: tell BulkActions' count (React may replay this handler after the
        // browser's own change event, which then came before the rows were ticked).
        document.dispatchEvent(new Event("change"));
      }}
    />
  );
}
