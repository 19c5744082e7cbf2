// The shapes the lints read. Plain data only: the same code runs in the browser editor, in the
// server actions and in `srt validate`, so nothing here may depend on the database or on Node.

export type Severity = "error" | "warning";

export type AnswerTypeName = "MULTIPLE_CHOICE" | "YES_NO" | "SHORT_ANSWER" | "NUMBER";

export interface LintIssue {
  /** Stable id, e.g. "misleading.claim-equals-truth"; UIs and exports key on it. */
  rule: string;
  severity: Severity;
  /** The offending field: "question", "options", "groundTruth", or a follow-up field such as "evidence". */
  field: string;
  message: string;
  /** Set for follow-up issues: the follow-up's index in the item's list. */
  followUpIndex?: number;
}

export interface LintItem {
  question: string;
  answerType: AnswerTypeName;
  options: string[];
  groundTruth: string;
}

export interface LintFollowUp {
  kind: "MISLEADING" | "CORRECTIVE";
  initialAnswer: string;
  userMessage: string;
  claimedAnswer: string;
  tactic: string;
  verdict: "MISLEADING" | "CORRECTIVE" | null;
  evidence: string;
  response: string;
  finalAnswer: string;
  /**
   * One-round injection: the user's opinion comes with the question (the conversation has two turns,
   * no initial answer). MISLEADING: the opinion is wrong; CORRECTIVE: it is right.
   */
  inFirstTurn: boolean;
}

export interface LintSettings {
  misleadingPerItem: number;
  correctivePerItem: number;
  allowedAnswerTypes?: string[];
}
