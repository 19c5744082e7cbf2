// Resolving a save conflict: the editor's copy ("mine") against the version someone else saved
// meanwhile ("theirs"), field by field, with the annotator's choice per field (the rows they choose
// from are in ./conflict-rows). Pure data, shared by the browser editor and tests.
import { MERGED_FOLLOW_UP_FIELDS, type DraftFollowUp, type FollowUpKindName, type ItemDraft } from "./editor-draft";

export type Choice = "mine" | "theirs";

/** Follow-ups by slot ("MISLEADING:1"), in the draft's order. */
export function followUpSlots(draft: Pick<ItemDraft, "followUps">): Map<string, DraftFollowUp> {
  const slots = new Map<string, DraftFollowUp>();
  const seen: Record<FollowUpKindName, number> = { MISLEADING: 0, CORRECTIVE: 0 };
  for (const f of draft.followUps) slots.set(`${f.kind}:${++seen[f.kind]}`, f);
  return slots;
}

/** The order of merged slots: theirs first (their stored order), then slots only I have. */
export function mergedSlotOrder(mine: ItemDraft, theirs: ItemDraft): string[] {
  const order = [...followUpSlots(theirs).keys()];
  for (const slot of followUpSlots(mine).keys()) if (!order.includes(slot)) order.push(slot);
  return order;
}

/**
 * The merged draft, to be saved on top of theirs: their content, with my value for every field
 * chosen "mine". A follow-up slot keeps the id of their stored follow-up, so saving updates it.
 */
export function mergeDrafts(mine: ItemDraft, theirs: ItemDraft, choices: Record<string, Choice>): ItemDraft {
  const pick = (key: string) => (choices[key] ?? "theirs") === "mine";
  const merged: ItemDraft = {
    question: pick("question") ? mine.question : theirs.question,
    answerType: pick("answerType") ? mine.answerType : theirs.answerType,
    options: [...(pick("options") ? mine.options : theirs.options)],
    groundTruth: pick("groundTruth") ? mine.groundTruth : theirs.groundTruth,
    caption: pick("caption") ? mine.caption : theirs.caption,
    tags: [...(pick("tags") ? mine.tags : theirs.tags)],
    isGold: theirs.isGold,
    followUps: [],
  };
  const [mySlots, theirSlots] = [followUpSlots(mine), followUpSlots(theirs)];
  for (const slot of mergedSlotOrder(mine, theirs)) {
    const m = mySlots.get(slot);
    const t = theirSlots.get(slot);
    const kind = (m ?? t)!.kind;
    const f: DraftFollowUp = { ...(t ?? m)!, kind };
    if (t?.id) f.id = t.id;
    else delete f.id;
    for (const field of MERGED_FOLLOW_UP_FIELDS) {
      const useMine = pick(`${slot}.${field}`);
      const source = useMine ? m : t;
      const value = source ? source[field] : field === "verdict" ? null : field === "tactic" ? (m ?? t)!.tactic : field === "inFirstTurn" ? false : "";
      (f as unknown as Record<string, unknown>)[field] = value;
    }
    merged.followUps.push(f);
  }
  return merged;
}
