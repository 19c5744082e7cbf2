// Item revisions: a snapshot of the content at each submit and each reviewer's fix.
import type { Db } from "../db/client";
import type { ItemForEditing } from "../followups/item-view";
import { itemContent } from "./content";

export type RevisionKind = "submit" | "review-edit";

export async function recordRevision(
  tx: Pick<Db, "itemRevision">,
  item: Pick<ItemForEditing, "id" | "question" | "answerType" | "options" | "groundTruth" | "caption" | "tags" | "followUps">,
  round: number,
  kind: RevisionKind,
  authorId: string,
) {
  await tx.itemRevision.create({ data: { itemId: item.id, round, kind, authorId, content: itemContent(item) as object } });
}
