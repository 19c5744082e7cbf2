import type { EvalRunStatus } from "@/lib/eval/run-schemas";

/** Run statuses shown with the item-status colours people already know (as export jobs are). */
export const RUN_BADGE: Record<EvalRunStatus, string> = {
  QUEUED: "SUBMITTED",
  RUNNING: "IN_REVIEW",
  SUCCEEDED: "APPROVED",
  FAILED: "REJECTED",
  CANCELLED: "DRAFT",
};
