import type { LintIssue } from "./types";

export function hasErrors(issues: LintIssue[]): boolean {
  return issues.some((i) => i.severity === "error");
}

export function countWarnings(issues: LintIssue[]): number {
  return issues.filter((i) => i.severity === "warning").length;
}
