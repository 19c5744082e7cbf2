"use client";

import { useState, useSyncExternalStore } from "react";
import { createEditorReducer, initialEditorState, type EditorAction, type EditorState } from "@/lib/followups/editor-state";
import type { ItemSnapshot } from "@/lib/followups/editor-draft";
import type { LintSettings } from "@/lib/lints/types";

export interface EditorStore {
  get: () => EditorState;
  dispatch: (action: EditorAction) => void;
  subscribe: (listener: () => void) => () => void;
}

/**
 * The editor's state outside React: saves, the lease and shortcuts read the latest state with `get()`
 * in their callbacks (no stale closures), while components re-render through useSyncExternalStore.
 */
function createStore(initial: EditorState, reducer: (s: EditorState, a: EditorAction) => EditorState): EditorStore {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    dispatch: (action) => {
      state = reducer(state, action);
      listeners.forEach((l) => l());
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

export function useEditorStore(item: ItemSnapshot, slots: Pick<LintSettings, "misleadingPerItem" | "correctivePerItem">, canAnnotate: boolean) {
  const [store] = useState(() => createStore(initialEditorState(item, slots, canAnnotate), createEditorReducer(slots)));
  const state = useSyncExternalStore(store.subscribe, store.get, store.get);
  return { store, state, dispatch: store.dispatch };
}
