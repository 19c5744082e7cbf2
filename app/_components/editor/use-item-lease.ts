"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { HoldResponse } from "@/lib/items/wire";
import { holdItem, releaseItem } from "./api-client";
import type { EditorStore } from "./use-editor-store";

export type Hold = HoldResponse;

const FIRST_RENEW_MS = 10_000;
const RENEW_MS = 60_000;
/** Without a key press or click for this long, the lease is no longer renewed (it runs out and the item returns to the queue). */
const ACTIVE_MS = 5 * 60_000;

/**
 * The lease: taken when the editor opens, renewed while the annotator is active, given back on leave.
 * `handOver(true)` says the item is being given back another way (a skip): leaving must not release it too.
 */
export function useItemLease(store: EditorStore, itemId: string, canHold: boolean) {
  const [hold, setHold] = useState<Hold | null>(null);
  const holdRef = useRef<Hold | null>(null);
  const released = useRef(false);
  const lastActivity = useRef(0);

  useEffect(() => {
    if (!canHold || !store.get().editable) return;
    let alive = true;
    lastActivity.current = Date.now();
    const renew = async () => {
      const value = await holdItem(itemId);
      if (!value || !alive) return; // Offline or refused: the next renewal tries again.
      holdRef.current = value;
      if (value.held) released.current = false;
      setHold(value);
    };
    void renew();
    const first = setTimeout(() => void renew(), FIRST_RENEW_MS);
    const timer = setInterval(() => {
      if (document.visibilityState === "visible" && Date.now() - lastActivity.current < ACTIVE_MS && store.get().editable) void renew();
    }, RENEW_MS);
    const release = () => {
      const h = holdRef.current;
      if (released.current || !h?.held || h.how === "assigned" || !store.get().editable) return;
      released.current = true;
      releaseItem(itemId, "leave");
    };
    const onActivity = () => (lastActivity.current = Date.now());
    window.addEventListener("pagehide", release);
    window.addEventListener("pointerdown", onActivity);
    window.addEventListener("keydown", onActivity);
    return () => {
      alive = false;
      clearTimeout(first);
      clearInterval(timer);
      window.removeEventListener("pagehide", release);
      window.removeEventListener("pointerdown", onActivity);
      window.removeEventListener("keydown", onActivity);
      release();
    };
  }, [canHold, itemId, store]);

  const handOver = useCallback((value: boolean) => void (released.current = value), []);
  return { hold, handOver };
}
