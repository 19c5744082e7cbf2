"use client";

import Link from "next/link";
import { isDirty, type EditorState } from "@/lib/followups/editor-state";
import { Badge, Button } from "@/app/_components/ui";
import type { Hold } from "./use-item-lease";

export interface EditorToolbarProps {
  state: EditorState;
  hold: Hold | null;
  assignee: { id: string; name: string } | null;
  me: string;
  /** Hrefs of the neighbouring items, null at either end. */
  previousHref: string | null;
  nextHref: string | null;
  canSkip: boolean;
  onGuidelines: () => void;
  onShortcuts: () => void;
  onSkip: () => void;
  onSave: () => void;
  onSubmit: () => void;
}

/** The bar above the editor: status, save state, who holds the item, navigation and the commands. */
export function EditorToolbar({ state, hold, assignee, me, previousHref, nextHref, canSkip, onGuidelines, onShortcuts, onSkip, onSave, onSubmit }: EditorToolbarProps) {
  return (
    <div className="flex flex-wrap items-center gap-3 rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-sm">
      <span data-testid="item-status">
        <Badge value={state.status} />
      </span>
      <SaveIndicator state={state} />
      <HoldInfo hold={hold} assignee={assignee} me={me} editable={state.editable} />
      <div className="ml-auto flex flex-wrap items-center gap-2">
        <NavLink href={previousHref} label="← Previous" title="Previous item (Alt+←)" />
        <NavLink href={nextHref} label="Next →" title="Next item (Alt+→)" />
        <Button type="button" variant="secondary" onClick={onGuidelines} title="Guidelines (g)">
          Guidelines <kbd className="text-xs text-slate-500">g</kbd>
        </Button>
        <Button type="button" variant="secondary" onClick={onShortcuts} title="Keyboard shortcuts (?)">
          Shortcuts <kbd className="text-xs text-slate-500">?</kbd>
        </Button>
        {state.editable && (
          <>
            {canSkip && (
              <Button type="button" variant="secondary" onClick={onSkip} title="Skip (Alt+Shift+S)">
                Skip
              </Button>
            )}
            <Button type="button" variant="secondary" onClick={onSave} disabled={!isDirty(state) || state.conflict !== null} title="Save (Ctrl+S)">
              Save
            </Button>
            <Button type="button" onClick={onSubmit} disabled={state.conflict !== null} title="Submit for review (Ctrl+Enter)" aria-describedby="lint-count">
              Submit
            </Button>
          </>
        )}
      </div>
    </div>
  );
}

function SaveIndicator({ state }: { state: EditorState }) {
  const s = state.save;
  const [text, tone] =
    s.kind === "saved"
      ? ["All changes saved", "text-emerald-700"]
      : s.kind === "dirty"
        ? ["Unsaved changes", "text-slate-600"]
        : s.kind === "saving"
          ? ["Saving…", "text-slate-600"]
          : s.kind === "offline"
            ? ["Offline: changes kept in this browser, retrying", "text-amber-700"]
            : s.kind === "conflict"
              ? ["Conflict: choose what to keep", "text-amber-700"]
              : s.kind === "error"
                ? [`Not saved: ${s.message}`, "text-red-700"]
                : [s.message, "text-slate-600"];
  return (
    <span role="status" aria-live="polite" data-testid="save-state" data-state={s.kind} className={`text-sm ${tone}`}>
      {text}
      {state.editable && <span className="ml-1 text-xs text-slate-500">· v{state.version}</span>}
    </span>
  );
}

function HoldInfo({ hold, assignee, me, editable }: { hold: Hold | null; assignee: { id: string; name: string } | null; me: string; editable: boolean }) {
  if (!editable) return assignee ? <span className="text-xs text-slate-500">Annotator: {assignee.name}</span> : null;
  if (hold && !hold.held) {
    return (
      <span className="text-xs text-amber-700" data-testid="hold-info">
        {hold.holderName ? `${hold.holderName} is working on this item` : "Someone else holds this item"}: your saves are checked against theirs, never overwritten.
      </span>
    );
  }
  if (hold?.held) return <span className="text-xs text-slate-500" data-testid="hold-info">{hold.how === "assigned" ? "Assigned to you" : "You hold this item while the editor is open"}</span>;
  return assignee && assignee.id !== me ? <span className="text-xs text-slate-500">Assigned to {assignee.name}</span> : null;
}

function NavLink({ href, label, title }: { href: string | null; label: string; title: string }) {
  if (!href) return <span className="px-2 text-sm text-slate-500" aria-hidden>{label}</span>;
  return (
    <Link href={href} title={title} className="rounded-lg px-2 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
      {label}
    </Link>
  );
}
