"use client";

import { useEffect, type RefObject } from "react";
import { focusSection } from "./focus";
import type { ImageViewerHandle } from "./image-viewer";
import { isTyping } from "./shortcuts";
import type { EditorStore } from "./use-editor-store";

export type EditorOverlay = null | "shortcuts" | "guidelines";

export interface EditorCommands {
  saveNow: () => Promise<void>;
  submit: () => Promise<void>;
  skip: () => Promise<void>;
  draftFor: (index: number) => Promise<void>;
  go: (itemId: string | null) => unknown;
  setActive: (index: number) => void;
  setOverlay: (update: (current: EditorOverlay) => EditorOverlay) => void;
}

/** The editor's keyboard (listed in ./shortcuts): commands with modifiers anywhere, single keys outside text fields. */
export function useEditorShortcuts(
  store: EditorStore,
  { active, neighbours, viewer }: { active: number; neighbours: { previous: string | null; next: string | null }; viewer: RefObject<ImageViewerHandle | null> },
  { saveNow, submit, skip, draftFor, go, setActive, setOverlay }: EditorCommands,
) {
  useEffect(() => {
    const currentFollowUp = () => {
      const card = document.activeElement?.closest("[data-testid^='follow-up-']");
      return card ? Number(card.getAttribute("data-testid")!.slice("follow-up-".length)) : active;
    };
    const jump = (direction: 1 | -1) => {
      const sections = [...document.querySelectorAll("[data-section]")];
      const current = sections.findIndex((s) => s.contains(document.activeElement));
      const next = current < 0 ? (direction > 0 ? 0 : sections.length - 1) : Math.min(sections.length - 1, Math.max(0, current + direction));
      focusSection(sections[next]);
    };
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (mod && !e.altKey && !e.shiftKey && e.key.toLowerCase() === "s") {
        e.preventDefault();
        void saveNow();
        return;
      }
      if (mod && e.key === "Enter") {
        e.preventDefault();
        void submit();
        return;
      }
      if (e.altKey && !mod) {
        if (e.shiftKey && e.code === "KeyD") {
          e.preventDefault();
          void draftFor(currentFollowUp());
        } else if (e.shiftKey && e.code === "KeyS") {
          e.preventDefault();
          void skip();
        } else if (!e.shiftKey && (e.key === "ArrowRight" || e.key === "ArrowLeft")) {
          e.preventDefault();
          go(e.key === "ArrowRight" ? neighbours.next : neighbours.previous);
        } else if (!e.shiftKey && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
          e.preventDefault();
          jump(e.key === "ArrowDown" ? 1 : -1);
        } else if (/^Digit[1-9]$/.test(e.code)) {
          e.preventDefault();
          const index = Number(e.code.slice(5)) - 1;
          focusSection(document.querySelector(`[data-section="fu-${index}-message"]`));
          if (index < store.get().draft.followUps.length) setActive(index);
        }
        return;
      }
      if (mod || isTyping(e.target)) return;
      const dialogOpen = document.querySelector("dialog[open]") !== null;
      if (e.key === "?") {
        e.preventDefault();
        setOverlay((o) => (o === "shortcuts" ? null : "shortcuts"));
      } else if (e.key === "g" && !e.shiftKey) {
        e.preventDefault();
        setOverlay((o) => (o === "guidelines" ? null : "guidelines"));
      } else if (!dialogOpen && (e.key === "+" || e.key === "=")) {
        e.preventDefault();
        viewer.current?.zoomIn();
      } else if (!dialogOpen && (e.key === "-" || e.key === "_")) {
        e.preventDefault();
        viewer.current?.zoomOut();
      } else if (!dialogOpen && e.key === "0") {
        e.preventDefault();
        viewer.current?.fit();
      } else if (!dialogOpen && e.key === "1") {
        e.preventDefault();
        viewer.current?.actualSize();
      }
    };
    window.addEventListener("keydown", onKey, { capture: true });
    return () => window.removeEventListener("keydown", onKey, { capture: true });
  }, [active, draftFor, go, neighbours.next, neighbours.previous, saveNow, setActive, setOverlay, skip, store, submit, viewer]);
}
