"use client";

import { useEffect, useRef, useState } from "react";
import { renewReviewAction } from "@/app/_actions/reviews";

const RENEW_MS = 60_000;
/** Without a key press or click for this long, the claim is no longer renewed (it runs out; the item returns to the queue). */
const ACTIVE_MS = 5 * 60_000;

/**
 * Keeps the review claim (30 min, lib/reviews/schemas REVIEW_LEASE_MS) while the review screen is open, visible
 * and the reviewer active, as useItemLease does for the editor. Says so when the item stopped being theirs.
 */
export function useReviewLease(itemId: string, holding: boolean) {
  const [lost, setLost] = useState(false);
  const lastActivity = useRef(0);

  useEffect(() => {
    if (!holding) return;
    lastActivity.current = Date.now();
    let alive = true;
    const timer = setInterval(async () => {
      if (document.visibilityState !== "visible" || Date.now() - lastActivity.current >= ACTIVE_MS) return;
      const result = await renewReviewAction(null, { itemId }).catch(() => null); // Offline: the next renewal tries again.
      if (alive && result && !result.ok) setLost(true);
    }, RENEW_MS);
    const onActivity = () => (lastActivity.current = Date.now());
    window.addEventListener("pointerdown", onActivity);
    window.addEventListener("keydown", onActivity);
    return () => {
      alive = false;
      clearInterval(timer);
      window.removeEventListener("pointerdown", onActivity);
      window.removeEventListener("keydown", onActivity);
    };
  }, [holding, itemId]);

  return { lost };
}
