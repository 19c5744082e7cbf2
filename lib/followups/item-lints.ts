// The full lint run for a stored or about-to-be-stored item: the pure lints plus the project-wide
// reuse check (one bounded query per follow-up with a user message).
import type { Db } from "../db/client";
import { lintItem } from "../lints/item-rules";
import type { LintFollowUp, LintIssue, LintItem, LintSettings } from "../lints/types";
import { findReusedFollowUpText } from "../lints/reuse";
import { followUpTitles } from "./labels";

export async function lintItemWithReuse(
  db: Db,
  projectId: string,
  itemId: string,
  item: LintItem & { followUps: LintFollowUp[] },
  settings: LintSettings,
): Promise<LintIssue[]> {
  const issues = lintItem(item, settings);
  const reused = await Promise.all(
    item.followUps.map((f) => findReusedFollowUpText(db, projectId, f.userMessage, undefined, { excludeItemId: itemId })),
  );
  const titles = followUpTitles(item.followUps);
  reused.forEach((matches, index) => {
    const best = matches[0];
    if (!best) return;
    issues.push({
      rule: "followup.text-reused",
      severity: "warning",
      field: "userMessage",
      followUpIndex: index,
      message: `${titles[index]}: the user message is ${Math.round(best.similarity * 100)}% identical to a follow-up of another item (${best.itemId}); write a fresh one.`,
    });
  });
  return issues;
}
