"use client";

import { useCallback, useEffect, useRef } from "react";
import { backupOf, planRestore, shouldSave, type DraftBackup } from "@/lib/followups/editor-state";
import { saveItem } from "./api-client";
import type { EditorStore } from "./use-editor-store";

const AUTOSAVE_MS = 3_000;

const backupKey = (itemId: string) => `srt:item-draft:${itemId}`;

function readBackup(itemId: string): DraftBackup | null {
  try {
    const raw = localStorage.getItem(backupKey(itemId));
    const value = raw ? (JSON.parse(raw) as DraftBackup) : null;
    return value && typeof value.version === "number" && value.draft && value.base ? value : null;
  } catch {
    return null;
  }
}

export function writeBackup(itemId: string, backup: DraftBackup | null) {
  try {
    if (backup) localStorage.setItem(backupKey(itemId), JSON.stringify(backup));
    else localStorage.removeItem(backupKey(itemId));
  } catch {
    // Storage full or disabled: the server autosave still runs.
  }
}

/**
 * Never losing work: a browser backup of what the server does not have yet (restored when the editor
 * opens after a crash or a closed tab), and saves every few seconds when dirty, on blur / hide / leave
 * (keepalive), never over a newer version. Returns `save`, which waits for a save in flight first.
 */
export function useAutosave(store: EditorStore, itemId: string, canAnnotate: boolean) {
  const inFlight = useRef<Promise<void> | null>(null);
  const { dispatch } = store;

  const save = useCallback(
    async function save(keepalive = false): Promise<void> {
      while (inFlight.current) await inFlight.current;
      const s = store.get();
      if (!shouldSave(s)) return;
      const sent = s.draft;
      // Recorded (and so in the browser backup) before it goes out: if the page unloads before the
      // answer, the next page recognises this save as its own.
      dispatch({ type: "saving", sent });
      let ownConflict = false;
      const run = (async () => {
        const result = await saveItem(itemId, { expectedVersion: s.version, ...sent }, { keepalive });
        switch (result.kind) {
          case "saved":
            return dispatch({ type: "saved", sent, item: result.item, issues: result.issues });
          case "conflict":
            dispatch({ type: "conflict", theirs: result.current });
            ownConflict = store.get().conflict === null;
            return;
          case "notEditable":
            return dispatch({ type: "notEditable", status: result.status ?? s.status, message: result.message });
          case "failed": {
            const message = result.status === 401 ? "You are signed out. Sign in again in another tab; your changes are kept in this browser." : (result.message ?? `Saving failed (${result.status}).`);
            return dispatch({ type: "failed", offline: false, message, sent });
          }
          case "offline":
            return dispatch({ type: "failed", offline: true, message: "", sent });
        }
      })();
      inFlight.current = run;
      try {
        await run;
      } finally {
        inFlight.current = null;
      }
      // A "conflict" with an own earlier save continues on it: what was typed since goes out now.
      if (ownConflict && shouldSave(store.get())) await save(keepalive);
    },
    [dispatch, itemId, store],
  );

  // On open: a backup left by a crash or a closed tab is restored (or offered as a conflict). This runs
  // before the backup below is first written, so the clean first render cannot erase it.
  useEffect(() => {
    const backup = readBackup(itemId);
    const plan = planRestore(store.get(), backup);
    if (plan === "discard") writeBackup(itemId, null);
    else if (plan !== "none" && backup) dispatch({ type: "restore", backup });
  }, [dispatch, itemId, store]);

  // The browser backup follows every change, synchronously (a save sent on the way out is recorded
  // before the page unloads); it goes once the server has everything.
  useEffect(() => {
    if (!canAnnotate) return;
    const write = () => writeBackup(itemId, backupOf(store.get(), Date.now()));
    write();
    return store.subscribe(write);
  }, [canAnnotate, itemId, store]);

  useEffect(() => {
    const timer = setInterval(() => {
      if (shouldSave(store.get())) void save();
    }, AUTOSAVE_MS);
    const flush = () => {
      if (shouldSave(store.get())) void save(true);
    };
    const onVisibility = () => {
      if (document.visibilityState === "hidden") flush();
    };
    const onOnline = () => void save();
    window.addEventListener("blur", flush);
    window.addEventListener("pagehide", flush);
    window.addEventListener("online", onOnline);
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      clearInterval(timer);
      window.removeEventListener("blur", flush);
      window.removeEventListener("pagehide", flush);
      window.removeEventListener("online", onOnline);
      document.removeEventListener("visibilitychange", onVisibility);
      // Leaving the editor inside the app: send what is unsaved on the way out.
      flush();
    };
  }, [save, store]);

  const clearBackup = useCallback(() => writeBackup(itemId, null), [itemId]);
  return { save, clearBackup };
}
