// A model's first answer put to use, only when a person clicks: a wrong answer becomes the initial answer
// of a corrective follow-up (the user then brings the ground truth), a right one the initial answer of a
// misleading follow-up (with a wrong claim proposed from the options or a near miss). Pure: the editor
// applies it to its working copy, and the autosave stores it like any edit.
import { blankFollowUp, lintInput, type DraftFollowUp, type FollowUpKindName, type ItemDraft } from "../followups/editor-draft";
import { proposeWrongClaim } from "../followups/drafting";
import { normalizeAnswer } from "../lints/normalize";

/**
 * The draft with the answer in the first follow-up of `kind` whose initial answer is blank (a new one is
 * appended when there is none), and its claimed answer proposed when blank. Returns the follow-up's index.
 */
export function applyModelAnswer(draft: ItemDraft, kind: FollowUpKindName, answer: string, seed: number): { draft: ItemDraft; index: number } {
  let index = draft.followUps.findIndex((f) => f.kind === kind && f.initialAnswer.trim() === "");
  const followUps = [...draft.followUps];
  if (index < 0) {
    followUps.push(blankFollowUp(kind));
    index = followUps.length - 1;
  }
  const current = followUps[index];
  const next: DraftFollowUp = { ...current, initialAnswer: answer };
  if (current.claimedAnswer.trim() === "") {
    const item = lintInput(draft);
    const claim = kind === "CORRECTIVE" ? normalizeAnswer(item.answerType, item.groundTruth, item.options) : proposeWrongClaim(item, seed);
    if (claim !== null) next.claimedAnswer = claim;
  }
  followUps[index] = next;
  return { draft: { ...draft, followUps }, index };
}
