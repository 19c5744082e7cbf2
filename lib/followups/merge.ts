// Resolving a save conflict: the editor's copy ("mine") against the version someone else saved
// meanwhile ("theirs"), field by field. Nothing is decided silently: every field that differs is a
// row the annotator sees, with a default (keep what I changed, take what they changed) they can flip.
// Pure data, shared by the browser editor and tests.
import { ANSWER_TYPE_LABELS, FOLLOW_UP_KIND_LABELS, followUpTitle, tacticLabel } from "./labels";
import { FIELD_LABELS, FOLLOW_UP_FIELDS, normalizeTags, type DraftFollowUp, type FollowUpField, type FollowUpKindName, type ItemDraft } from "./editor-draft";

export type Choice = "mine" | "theirs";

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

function showFollowUpField(f: DraftFollowUp | undefined, field: FollowUpField): string {
  if (!f) return "";
  if (field === "verdict") return f.verdict ? FOLLOW_UP_KIND_LABELS[f.verdict] : "";
  if (field === "tactic") return tacticLabel(f.tactic);
  return f[field].trim();
}

/** Follow-ups by slot ("MISLEADING:1"), in the draft's order. */
export function followUpSlots(draft: Pick<ItemDraft, "followUps">): Map<string, DraftFollowUp> {
  const slots = new Map<string, DraftFollowUp>();
  const seen: Record<FollowUpKindName, number> = { MISLEADING: 0, CORRECTIVE: 0 };
  for (const f of draft.followUps) slots.set(`${f.kind}:${++seen[f.kind]}`, f);
  return slots;
}

function slotLabel(slot: string): string {
  const [kind, n] = slot.split(":");
  return followUpTitle(kind as FollowUpKindName, Number(n));
}

/** The order of merged slots: theirs first (their stored order), then slots only I have. */
function mergedSlotOrder(mine: ItemDraft, theirs: ItemDraft): string[] {
  const order = [...followUpSlots(theirs).keys()];
  for (const slot of followUpSlots(mine).keys()) if (!order.includes(slot)) order.push(slot);
  return order;
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
    for (const field of FOLLOW_UP_FIELDS) {
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
    for (const field of FOLLOW_UP_FIELDS) {
      const useMine = pick(`${slot}.${field}`);
      const source = useMine ? m : t;
      const value = source ? source[field] : field === "verdict" ? null : field === "tactic" ? (m ?? t)!.tactic : "";
      (f as unknown as Record<string, unknown>)[field] = value;
    }
    merged.followUps.push(f);
  }
  return merged;
}
