import type { LintIssue } from "@/lib/lints/types";
import type { ReviewView } from "@/lib/reviews/view";

/** What the review page hands the client screen (plain data). */
export interface ReviewScreenItem {
  id: string;
  version: number;
  status: string;
  reviewRound: number;
  question: string;
  answerType: string;
  options: string[];
  groundTruth: string;
  caption: string;
  tags: string[];
  followUps: {
    id: string; kind: "MISLEADING" | "CORRECTIVE"; initialAnswer: string; userMessage: string; claimedAnswer: string; tactic: string;
    verdict: "MISLEADING" | "CORRECTIVE" | null; evidence: string; response: string; finalAnswer: string;
  }[];
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
