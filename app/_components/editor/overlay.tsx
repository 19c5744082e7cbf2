"use client";

import { useEffect, useRef, type ReactNode } from "react";

/** A modal overlay on the native <dialog>: focus moves in and back, Escape closes it. */
export function Overlay({ id, open, title, onClose, children }: { id: string; open: boolean; title: string; onClose: () => void; children: ReactNode }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      aria-labelledby={`${id}-title`}
      data-testid={id}
      onClose={onClose}
      className="m-auto max-h-[85vh] w-[min(44rem,92vw)] rounded-xl bg-white p-0 shadow-xl backdrop:bg-slate-900/50"
    >
      <div className="flex items-center justify-between border-b border-slate-200 px-5 py-3">
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {title}
        </h2>
        <button type="button" onClick={onClose} className="rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-100" aria-label="Close (Escape)">
          Close <kbd className="ml-1 rounded border border-slate-300 px-1 text-xs">Esc</kbd>
        </button>
      </div>
      <div className="max-h-[70vh] overflow-y-auto px-5 py-4">{children}</div>
    </dialog>
  );
}
