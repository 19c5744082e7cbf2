// A reviewer fixing a typo in the item they hold, without sending it back: the edit is theirs (audit
// event and a "review-edit" revision in the current round, so the diff shows who changed what). It does
// not go through the annotator's save (whose lease-holder check it would fail) but through here.
import { z } from "zod";
import { recordAudit } from "../audit/record";
import type { Db } from "../db/client";
import { lockForWriting, providerOf } from "../db/provider";
import { ConflictError, NotFoundError } from "../errors";
import { getItemForEditing, toLintItem } from "../followups/item-view";
import { lintItemWithReuse } from "../followups/item-lints";
import { countWarnings } from "../lints/issues";
import { assertNotAuthor } from "../items/transition";
import { parseProjectSettings } from "../projects/settings";
import { FOLLOW_UP_TEXT_FIELDS, ITEM_TEXT_FIELDS } from "./content";
import { recordRevision } from "./revisions";

export const reviewerEditSchema = z.object({
  itemId: z.string().min(1),
  reviewerId: z.string().min(1),
  expectedVersion: z.coerce.number().int().min(1),
  followUpId: z.string().min(1).nullish(),
  field: z.enum([...ITEM_TEXT_FIELDS, ...FOLLOW_UP_TEXT_FIELDS], "a text field"),
  value: z.string().max(4000),
});
export type ReviewerEditInput = z.input<typeof reviewerEditSchema>;

export async function reviewerEdit(db: Db, input: ReviewerEditInput): Promise<{ version: number }> {
  const data = reviewerEditSchema.parse(input);
  const onFollowUp = !!data.followUpId;
  if (onFollowUp !== (FOLLOW_UP_TEXT_FIELDS as readonly string[]).includes(data.field)) {
    throw new z.ZodError([{ code: "custom", path: ["field"], message: onFollowUp ? "not a follow-up field" : "not an item field", input: data.field }]);
  }
  const version = await db.$transaction(async (tx) => {
    await lockForWriting(tx, providerOf(db));
    const item = await getItemForEditing(tx, data.itemId);
    if (!item) throw new NotFoundError("item", data.itemId);
    await assertNotAuthor(tx, item, data.reviewerId);
    if (item.status !== "IN_REVIEW" || item.reviewerId !== data.reviewerId) throw new ConflictError("Claim the item from the review queue before editing it.", { field: "itemId" });
    if (item.version !== data.expectedVersion) throw new ConflictError(`The item was changed meanwhile (version ${item.version}); reload it.`, { field: "expectedVersion" });

    let before: string;
    if (data.followUpId) {
      const f = item.followUps.find((x) => x.id === data.followUpId);
      if (!f) throw new NotFoundError("follow-up", data.followUpId, { field: "followUpId" });
      before = f[data.field as (typeof FOLLOW_UP_TEXT_FIELDS)[number]];
      await tx.followUp.update({ where: { id: f.id }, data: { [data.field]: data.value, version: { increment: 1 } } });
    } else {
      before = item[data.field as (typeof ITEM_TEXT_FIELDS)[number]];
      await tx.item.update({ where: { id: item.id }, data: { [data.field]: data.value } });
    }
    await tx.item.update({ where: { id: item.id }, data: { version: { increment: 1 } } });
    await recordAudit(tx, {
      actorId: data.reviewerId, entity: data.followUpId ? "FollowUp" : "Item", entityId: data.followUpId ?? item.id, action: "review.edit",
      before: { [data.field]: before }, after: { [data.field]: data.value, itemId: item.id },
    });
    const after = await getItemForEditing(tx, item.id);
    await recordRevision(tx, after!, item.reviewRound, "review-edit", data.reviewerId);
    return after!.version;
  });
  // Lint warnings follow the content (reviewers see the count).
  const item = await getItemForEditing(db, data.itemId);
  if (item) {
    const project = await db.project.findUniqueOrThrow({ where: { id: item.projectId }, select: { settings: true } });
    const issues = await lintItemWithReuse(db, item.projectId, item.id, toLintItem(item), parseProjectSettings(project.settings));
    await db.item.updateMany({ where: { id: item.id, version }, data: { lintWarnings: countWarnings(issues) } });
  }
  return { version };
}
