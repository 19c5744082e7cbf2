// The rows of the conflict view: every field on which my copy and theirs differ, shown readably, with
// a default (keep what I changed, take what they changed) the annotator can flip. Loaded with the
// conflict view only.
import { FIELD_LABELS, MERGED_FOLLOW_UP_FIELDS, normalizeTags, type DraftFollowUp, type FollowUpKindName, type ItemDraft, type MergedFollowUpField } from "./editor-draft";
import { ANSWER_TYPE_LABELS, FOLLOW_UP_KIND_LABELS, followUpTitle, tacticLabel } from "./labels";
import { followUpSlots, mergedSlotOrder, type Choice } from "./merge";

export interface ConflictRow {
  /** "question", "tags", or "MISLEADING:1.evidence" (follow-up slot: kind and 1-based place among its kind). */
  key: string;
  label: string;
  mine: string;
  theirs: string;
  /** Mine when I changed the field since the version I started from, else theirs. */
  defaultChoice: Choice;
}

const ITEM_FIELDS = ["question", "answerType", "options", "groundTruth", "caption", "tags"] as const;
type ItemField = (typeof ITEM_FIELDS)[number];

function showItemField(draft: ItemDraft, field: ItemField): string {
  switch (field) {
    case "options":
      return draft.options.map((o, i) => `${String.fromCharCode(65 + i)}. ${o.trim()}`).join("\n");
    case "tags":
      return normalizeTags(draft.tags).join(", ");
    case "answerType":
      return ANSWER_TYPE_LABELS[draft.answerType];
    default:
      return draft[field].trim();
  }
}

function showFollowUpField(f: DraftFollowUp | undefined, field: MergedFollowUpField): string {
  if (!f) return "";
  if (field === "inFirstTurn") return f.inFirstTurn ? "Yes" : "No";
  if (field === "verdict") return f.verdict ? FOLLOW_UP_KIND_LABELS[f.verdict] : "";
  if (field === "tactic") return tacticLabel(f.tactic);
  return f[field].trim();
}

function slotLabel(slot: string): string {
  const [kind, n] = slot.split(":");
  return followUpTitle(kind as FollowUpKindName, Number(n));
}

/** Every field on which mine and theirs differ (as the server would store them). */
export function conflictRows(base: ItemDraft | null, mine: ItemDraft, theirs: ItemDraft): ConflictRow[] {
  const rows: ConflictRow[] = [];
  const changedByMe = (a: string, b: string | null) => (b === null ? true : a !== b);
  for (const field of ITEM_FIELDS) {
    const [m, t] = [showItemField(mine, field), showItemField(theirs, field)];
    if (m === t) continue;
    rows.push({ key: field, label: FIELD_LABELS[field], mine: m, theirs: t, defaultChoice: changedByMe(m, base && showItemField(base, field)) ? "mine" : "theirs" });
  }
  const [mySlots, theirSlots, baseSlots] = [followUpSlots(mine), followUpSlots(theirs), base ? followUpSlots(base) : null];
  for (const slot of mergedSlotOrder(mine, theirs)) {
    for (const field of MERGED_FOLLOW_UP_FIELDS) {
      const [m, t] = [showFollowUpField(mySlots.get(slot), field), showFollowUpField(theirSlots.get(slot), field)];
      if (m === t) continue;
      const b = baseSlots ? showFollowUpField(baseSlots.get(slot), field) : null;
      rows.push({ key: `${slot}.${field}`, label: `${slotLabel(slot)}: ${FIELD_LABELS[field]}`, mine: m, theirs: t, defaultChoice: changedByMe(m, b) ? "mine" : "theirs" });
    }
  }
  return rows;
}

export function defaultChoices(rows: ConflictRow[]): Record<string, Choice> {
  return Object.fromEntries(rows.map((r) => [r.key, r.defaultChoice]));
}
