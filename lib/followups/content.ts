import type { LintFollowUp } from "../lints/types";

/** An Item's own written fields (its follow-ups aside); answerType is a string in stored snapshots. */
export interface ItemFields<A extends string = string> {
  question: string;
  answerType: A;
  options: string[];
  groundTruth: string;
  caption: string;
  tags: string[];
}

/** A copy of an Item's own fields (fresh arrays), picked from any row that has them. */
export function itemFieldsOf<A extends string>(item: ItemFields<A>): ItemFields<A> {
  return {
    question: item.question,
    answerType: item.answerType,
    options: [...item.options],
    groundTruth: item.groundTruth,
    caption: item.caption,
    tags: [...item.tags],
  };
}

/**
 * The content of a FollowUp — what the annotator writes and the lints, editor, import, API and export all
 * carry — picked from any row that has it. One list, so a new field cannot be forgotten in one place.
 * Pure (no imports at run time): used in the browser too. A raw SQLite row's 0/1 flag becomes a boolean.
 */
export function followUpContent(f: Omit<LintFollowUp, "inFirstTurn"> & { inFirstTurn: boolean | number }): LintFollowUp {
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
    inFirstTurn: f.inFirstTurn === true || f.inFirstTurn === 1,
  };
}
