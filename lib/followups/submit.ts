// Submitting an item for review: refused while the lints report errors. The status change goes through
// the lifecycle module; the content is snapshotted as a revision so the reviewer can diff rounds.
import type { Db } from "../db/client";
import { transitionItem } from "../items/transition";
import { countWarnings, hasErrors } from "../lints/issues";
import type { LintIssue, LintSettings } from "../lints/types";
import { parseProjectSettings } from "../projects/settings";
import { recordRevision } from "../reviews/revisions";
import { scoreIfGoldCopy } from "../quality/gold";
import { ItemNotFound, SubmitBlocked, VersionConflict } from "./errors";
import { heldByOtherError, otherHolder, type Editor } from "./holder";
import { editorOf } from "./save-draft";
import { lintItemWithReuse } from "./item-lints";
import { getItemForEditing, toLintItem } from "./item-view";
import { submitItemSchema } from "./schemas";
import { withItemFigures } from "../quality/figures/store";
import { lockForWriting, providerOf } from "../db/provider";

export interface SubmitItemInput {
  itemId: string;
  expectedVersion: number;
  actorId: string;
  /** The project's settings; read from the project when omitted. */
  settings?: LintSettings;
}

/**
 * DRAFT / CHANGES_REQUESTED → SUBMITTED (lease released). Throws SubmitBlocked with the lint issues if any
 * is an error, VersionConflict when saved elsewhere since, IllegalTransition (409) from any other status.
 * A resubmission after changes were requested opens the next review round.
 */
export async function submitItem(db: Db, input: SubmitItemInput, editor?: Editor, now = new Date()): Promise<{ version: number; issues: LintIssue[] }> {
  const data = submitItemSchema.parse(input);
  // Only the lease holder (or an admin) submits: holder.ts.
  const actor = editor ?? (await editorOf(db, data.actorId));
  const item = await getItemForEditing(db, data.itemId);
  if (!item) throw new ItemNotFound(data.itemId);
  const holder = otherHolder(item, actor, now);
  if (holder) throw await heldByOtherError(db, holder, item.leaseExpiresAt);
  if (item.version !== data.expectedVersion) throw new VersionConflict(item);

  const settings =
    input.settings ??
    parseProjectSettings((await db.project.findUniqueOrThrow({ where: { id: item.projectId }, select: { settings: true } })).settings);
  const issues = await lintItemWithReuse(db, item.projectId, item.id, toLintItem(item), settings);
  if (hasErrors(issues)) throw new SubmitBlocked(issues);

  const version = data.expectedVersion + 1;
  await db.$transaction(async (tx) => {
    await lockForWriting(tx, providerOf(db));
    const current = await getItemForEditing(tx, item.id);
    if (!current) throw new ItemNotFound(item.id);
    const holderNow = otherHolder(current, actor, now);
    if (holderNow) throw await heldByOtherError(tx, holderNow, current.leaseExpiresAt);
    if (current.version !== data.expectedVersion) throw new VersionConflict(current);
    const round = current.status === "CHANGES_REQUESTED" ? current.reviewRound + 1 : current.reviewRound;
    // The submitter owns the item's review figures on the quality dashboard: a new submitter takes them over.
    await withItemFigures(tx, [item.id], () => transitionItem(tx, {
      itemId: item.id,
      to: "SUBMITTED",
      by: "author",
      actorId: data.actorId,
      where: { version: data.expectedVersion },
      data: {
        leaseExpiresAt: null, lintWarnings: countWarnings(issues), submittedById: data.actorId, reviewRound: round,
        reviewerId: null, reviewLeaseExpiresAt: null, awaitingAdjudication: false,
      },
      audit: { version, lintWarnings: countWarnings(issues), round },
    }));
    await recordRevision(tx, current, round, "submit", data.actorId);
    await scoreIfGoldCopy(tx, item.id, data.actorId);
  });
  return { version, issues };
}
