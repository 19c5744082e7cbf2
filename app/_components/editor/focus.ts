// Moving focus around the editor from shortcuts, the lint list and a refused submit.
import type { LintIssue } from "@/lib/lints/types";

/** Focus the first field of a section: its checked radio, its marked first field, or its first control. */
export function focusSection(section: Element | null) {
  if (!section) return;
  const target =
    section.querySelector<HTMLElement>("input[type=radio]:checked") ??
    section.querySelector<HTMLElement>("[data-first-field]") ??
    section.querySelector<HTMLElement>("input, textarea, select, button");
  target?.focus();
  target?.scrollIntoView({ block: "nearest" });
}

function fieldElementId(issue: LintIssue): string | null {
  if (issue.followUpIndex !== undefined) return issue.field === "verdict" ? null : `fu-${issue.followUpIndex}-${issue.field}`;
  return issue.field === "followUps" ? null : issue.field;
}

/** Focus the field an issue is about. */
export function focusIssue(issue: LintIssue) {
  const id = fieldElementId(issue);
  const el = id
    ? document.getElementById(id)
    : issue.field === "verdict"
      ? document.querySelector<HTMLElement>(`[name="fu-${issue.followUpIndex}-verdict"]`)
      : document.querySelector<HTMLElement>('[data-section="fu-0-message"] [data-first-field]');
  const target = el?.tagName === "FIELDSET" ? el.querySelector<HTMLElement>("input") : el;
  target?.focus();
  target?.scrollIntoView({ block: "center" });
}
