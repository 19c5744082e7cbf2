import type { ItemFields } from "@/lib/followups/content";
import type { StoredFollowUp } from "@/lib/followups/editor-draft";
import type { LintIssue } from "@/lib/lints/types";
import type { ReviewView } from "@/lib/reviews/view";

/** What the review page hands the client screen (plain data). */
export interface ReviewScreenItem extends ItemFields {
  id: string;
  version: number;
  status: string;
  reviewRound: number;
  followUps: StoredFollowUp[];
}

export interface ReviewScreenProps {
  slug: string;
  projectId: string;
  item: ReviewScreenItem;
  image: { url: string | null; width: number; height: number; name: string };
  responseTemplate: string;
  rubric: Record<string, string>;
  issues: LintIssue[];
  holding: boolean;
  isAuthor: boolean;
  reviewedThisRound: boolean;
  reviews: ReviewView["reviews"];
  adjudications: ReviewView["adjudications"];
  diff: ReviewView["diff"];
}
