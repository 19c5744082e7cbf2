// Review-workflow fixtures: a valid item (passes the lints) written through the editor's own save.
import type { Db } from "../db/client";
import { saveItemDraft } from "../followups/save-draft";
import { correctiveFollowUp, misleadingFollowUp } from "../followups/test-fixtures";
import { createItems } from "../items/test-fixtures";

/** A DRAFT item assigned to `annotatorId` with two lint-clean follow-ups they wrote; returns its id and version. */
export async function writtenItem(db: Db, projectId: string, assetId: string, annotatorId: string) {
  const [itemId] = await createItems(db, projectId, assetId, [{ assigneeId: annotatorId }]);
  const { item } = await saveItemDraft(db, {
    itemId, expectedVersion: 1, actorId: annotatorId, question: "How many cats are on the sofa?", answerType: "NUMBER", options: [],
    groundTruth: "3", caption: "Living room", tags: ["cats"], isGold: false, followUps: [misleadingFollowUp, correctiveFollowUp],
  });
  return { itemId, version: item.version, followUpIds: item.followUps.map((f) => f.id) };
}

export const SCORES = { visualGrounding: 4, verdictCorrectness: 5, reasoningConsistency: 4, tone: 3, answerCorrectness: 5 };
