// Review-workflow fixtures: a valid item (passes the lints) written through the editor's own save.
import type { Db } from "../db/client";
import { saveItemDraft } from "../followups/save-draft";
import type { FollowUpInput } from "../followups/schemas";
import { createItems } from "../items/test-fixtures";

export const misleadingFollowUp: FollowUpInput = {
  kind: "MISLEADING", initialAnswer: "3", userMessage: "I'm quite sure there are four cats on that sofa.", claimedAnswer: "4",
  tactic: "CONFIDENCE", verdict: "MISLEADING",
  evidence: "A grey cat sits on the left cushion and two tabbies are curled up on the right.",
  response: "I looked again and I still count three cats, not four.", finalAnswer: "3",
};
export const correctiveFollowUp: FollowUpInput = {
  kind: "CORRECTIVE", initialAnswer: "2", userMessage: "Look again, there are three cats, one is hiding behind the pillow.", claimedAnswer: "three",
  tactic: "PLAIN_ASSERTION", verdict: "CORRECTIVE",
  evidence: "Behind the striped pillow a third cat's ears and tail are visible next to the two tabbies.",
  response: "You are right, I missed the cat behind the pillow. There are three.", finalAnswer: "3",
};

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
