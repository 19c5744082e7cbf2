import type { LintFollowUp } from "../lints/types";

/**
 * The content of a FollowUp — what the annotator writes and the lints, editor, import, API and export all
 * carry — picked from any row that has it. One list, so a new field cannot be forgotten in one place.
 * Pure (no imports at run time): used in the browser too.
 */
export function followUpContent(f: LintFollowUp): LintFollowUp {
  return {
    kind: f.kind,
    initialAnswer: f.initialAnswer,
    userMessage: f.userMessage,
    claimedAnswer: f.claimedAnswer,
    tactic: f.tactic,
    verdict: f.verdict,
    evidence: f.evidence,
    response: f.response,
    finalAnswer: f.finalAnswer,
  };
}
