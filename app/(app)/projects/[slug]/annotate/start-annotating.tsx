"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { claimNextItem } from "@/app/_components/editor/claim-client";
import { ClaimButton } from "@/app/_components/claim-button";

/** Claims the next item of the queue (atomically, with a lease) and opens it in the editor. */
export function StartAnnotating({ projectId, slug }: { projectId: string; slug: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const start = () =>
    startTransition(async () => {
      setError(null);
      const result = await claimNextItem({ projectId });
      if (result.kind === "offline") return setError("Could not reach the server: check the connection and try again.");
      if (result.kind === "failed") return setError(result.message ?? `Could not claim an item (${result.status}).`);
      if (!result.claim.itemId) return setError("The queue is empty right now: someone else took the last item.");
      router.push(`/projects/${slug}/items/${result.claim.itemId}?queue=1`);
    });
  return <ClaimButton label="Start annotating" pending={pending} error={error} onClick={start} />;
}
