"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { claimReviewAction } from "@/app/_actions/reviews";
import { ClaimButton } from "@/app/_components/claim-button";

/** Claims the next item of the review queue and opens the review screen; also the screen's "Next item". */
export function useNextReview(projectId: string, slug: string) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const next = () =>
    startTransition(async () => {
      setError(null);
      const result = await claimReviewAction(null, { projectId });
      if (!result.ok) return setError(result.error);
      const itemId = (result.data as { itemId: string | null } | undefined)?.itemId;
      if (!itemId) {
        setError("Nothing left to review right now.");
        return router.push(`/projects/${slug}/review`);
      }
      router.push(`/projects/${slug}/review/${itemId}`);
    });
  return { next, pending, error };
}

export function StartReviewing({ projectId, slug }: { projectId: string; slug: string }) {
  const { next, pending, error } = useNextReview(projectId, slug);
  return <ClaimButton label="Start reviewing" pending={pending} error={error} onClick={next} />;
}
