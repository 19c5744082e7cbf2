"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Button } from "@/app/_components/ui";

/** Claims the next item of the queue (atomically, with a lease) and opens it in the editor. */
export function StartAnnotating({ projectId, slug }: { projectId: string; slug: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="flex flex-col items-start gap-2">
      <Button
        type="button"
        autoFocus
        disabled={pending}
        onClick={() =>
          startTransition(async () => {
            setError(null);
            try {
              const response = await fetch("/api/items/claim", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ projectId }) });
              const result = (await response.json()) as { itemId?: string | null; error?: string };
              if (!response.ok) return setError(result.error ?? `Could not claim an item (${response.status}).`);
              if (!result.itemId) return setError("The queue is empty right now: someone else took the last item.");
              router.push(`/projects/${slug}/items/${result.itemId}?queue=1`);
            } catch {
              setError("Could not reach the server: check the connection and try again.");
            }
          })
        }
      >
        {pending ? "Claiming…" : "Start annotating"}
      </Button>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
