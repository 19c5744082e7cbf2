// The lint API: pure functions over plain data, shared by the browser editor, the server and `srt validate`.
// (The project-wide text reuse check needs the database and lives apart, in ./reuse.)
import type { LintIssue } from "./types";

export type { AnswerTypeName, LintFollowUp, LintIssue, LintItem, LintSettings, Severity } from "./types";
export { lintFollowUp } from "./followup-rules";
export { lintItem } from "./item-rules";
export { answersEqual, describeAnswer, normalizeAnswer, optionLabel } from "./normalize";
export { optionsFromPaste, stripOptionLabels } from "./option-labels";
export { isNearCopy, jaccard, shingles, textSimilarity } from "./shingles";
export { PLACEHOLDER_PATTERN } from "./text";

export function hasErrors(issues: LintIssue[]): boolean {
  return issues.some((i) => i.severity === "error");
}

export function countWarnings(issues: LintIssue[]): number {
  return issues.filter((i) => i.severity === "warning").length;
}
