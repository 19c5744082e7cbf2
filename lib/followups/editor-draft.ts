// The editor's working copy of an item: plain data shared by the browser editor (live lints, local
// backup, conflict merge) and the server (snapshots sent to it). Pure: no zod, no database, so the
// browser bundle stays small.
import type { AnswerTypeName, LintFollowUp, LintIssue, LintItem, LintSettings } from "../lints/types";
import { followUpContent, itemFieldsOf, type ItemFields } from "./content";

export type FollowUpKindName = "MISLEADING" | "CORRECTIVE";

export interface DraftFollowUp {
  /** Set once the server has stored the follow-up. */
  id?: string;
  kind: FollowUpKindName;
  initialAnswer: string;
  userMessage: string;
  claimedAnswer: string;
  tactic: string;
  verdict: FollowUpKindName | null;
  evidence: string;
  response: string;
  finalAnswer: string;
  /** One-round injection: the user's opinion comes with the question (no initial answer turn). */
  inFirstTurn: boolean;
  /** Who wrote the rationale, as stored (shown as a mark; the server works it out on save). */
  draftOrigin?: "HUMAN" | "MODEL" | "MODEL_EDITED";
  /** Kept from "Draft with model" and sent with saves (lib/models/draft-origin). */
  modelSeal?: string;
}

export interface ItemDraft extends ItemFields<AnswerTypeName> {
  isGold: boolean;
  followUps: DraftFollowUp[];
}

/** A follow-up the server has stored (so it has its id). */
export type StoredFollowUp = DraftFollowUp & { id: string };

/** The server's stored item as the editor sees it: the draft plus identity, version and status. */
export interface ItemSnapshot extends ItemDraft {
  id: string;
  version: number;
  status: string;
}

/** The follow-up fields an annotator writes, in the order the editor shows them. */
export const FOLLOW_UP_FIELDS = ["initialAnswer", "userMessage", "claimedAnswer", "tactic", "verdict", "evidence", "response", "finalAnswer"] as const;
export type FollowUpField = (typeof FOLLOW_UP_FIELDS)[number];

/** What a save conflict compares and merges per follow-up: the written fields and the in-first-turn flag. */
export const MERGED_FOLLOW_UP_FIELDS = ["inFirstTurn", ...FOLLOW_UP_FIELDS] as const;
export type MergedFollowUpField = (typeof MERGED_FOLLOW_UP_FIELDS)[number];

export const FIELD_LABELS: Record<FollowUpField | "inFirstTurn" | "question" | "answerType" | "options" | "groundTruth" | "caption" | "tags" | "followUps", string> = {
  question: "Question",
  answerType: "Answer type",
  options: "Options",
  groundTruth: "Ground truth",
  caption: "Caption",
  tags: "Tags",
  followUps: "Follow-ups",
  inFirstTurn: "In the first turn",
  initialAnswer: "Model's initial answer",
  userMessage: "User's follow-up message",
  claimedAnswer: "Claimed answer",
  tactic: "Tactic",
  verdict: "Verdict",
  evidence: "Visual evidence",
  response: "Response",
  finalAnswer: "Final answer",
};

interface StoredItem extends ItemFields<AnswerTypeName> {
  id: string;
  version: number;
  status: string;
  isGold: boolean;
  followUps: StoredFollowUp[];
}

/** Only what the editor needs of a stored item (no keys, dates or authors), for pages and API answers. */
export function snapshotOf(item: StoredItem): ItemSnapshot {
  return {
    id: item.id,
    version: item.version,
    status: item.status,
    ...itemFieldsOf(item),
    isGold: item.isGold,
    followUps: item.followUps.map((f) => ({
      id: f.id,
      ...followUpContent(f),
      ...(f.draftOrigin && f.draftOrigin !== "HUMAN" ? { draftOrigin: f.draftOrigin } : {}),
    })),
  };
}

/** The editable part of a snapshot (a deep copy). */
export function draftOf(snapshot: ItemDraft): ItemDraft {
  return {
    ...itemFieldsOf(snapshot),
    isGold: snapshot.isGold,
    followUps: snapshot.followUps.map((f) => ({ ...f })),
  };
}

export function blankFollowUp(kind: FollowUpKindName, tactic = "PLAIN_ASSERTION"): DraftFollowUp {
  return { kind, initialAnswer: "", userMessage: "", claimedAnswer: "", tactic, verdict: null, evidence: "", response: "", finalAnswer: "", inFirstTurn: false };
}

/** Appends blank follow-ups until the item has as many of each kind as the project requires. */
export function withRequiredSlots(draft: ItemDraft, settings: Pick<LintSettings, "misleadingPerItem" | "correctivePerItem">): ItemDraft {
  const followUps = [...draft.followUps];
  for (const kind of ["MISLEADING", "CORRECTIVE"] as const) {
    const required = kind === "MISLEADING" ? settings.misleadingPerItem : settings.correctivePerItem;
    for (let have = followUps.filter((f) => f.kind === kind).length; have < required; have++) followUps.push(blankFollowUp(kind));
  }
  return { ...draft, followUps };
}

/** "misleading 1", "corrective 2": a follow-up's place among those of its kind (1-based). */
export function slotOf(followUps: Pick<DraftFollowUp, "kind">[], index: number): { kind: FollowUpKindName; n: number } {
  const kind = followUps[index].kind;
  return { kind, n: followUps.slice(0, index + 1).filter((f) => f.kind === kind).length };
}

/** Trimmed text, folded tags: what the server would store, so equal drafts compare equal. */
function normalized(draft: ItemDraft) {
  return {
    question: draft.question.trim(),
    answerType: draft.answerType,
    options: draft.options.map((o) => o.trim()),
    groundTruth: draft.groundTruth.trim(),
    caption: draft.caption.trim(),
    tags: normalizeTags(draft.tags),
    isGold: draft.isGold,
    followUps: draft.followUps.map((f) => ({
      kind: f.kind,
      initialAnswer: f.initialAnswer.trim(),
      userMessage: f.userMessage.trim(),
      claimedAnswer: f.claimedAnswer.trim(),
      tactic: f.tactic,
      verdict: f.verdict,
      evidence: f.evidence.trim(),
      response: f.response.trim(),
      finalAnswer: f.finalAnswer.trim(),
      inFirstTurn: f.inFirstTurn,
    })),
  };
}

export function normalizeTags(tags: string[]): string[] {
  return [...new Set(tags.map((t) => t.trim().toLowerCase()).filter((t) => t !== ""))].sort();
}

/** "red, Counting ,, red" → ["red", "counting"] (order kept, duplicates and blanks dropped). */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(",").map((t) => t.trim().toLowerCase()).filter((t) => t !== ""))];
}

/** Same content as the server would store it (ids ignored: a follow-up saved meanwhile is still the same text). */
export function sameContent(a: ItemDraft, b: ItemDraft): boolean {
  return JSON.stringify(normalized(a)) === JSON.stringify(normalized(b));
}

/** Exactly the same working copy (ids, spacing and order included): whether there is anything left to save. */
export function sameDraft(a: ItemDraft, b: ItemDraft): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * After a save: the stored follow-ups' ids, given to the working copy's follow-ups that were sent
 * without one (matched by position, the order the save wrote them in). The text typed meanwhile stays.
 */
export function adoptIds(draft: ItemDraft, sent: ItemDraft, stored: Pick<ItemDraft, "followUps">): ItemDraft {
  // A follow-up removed or added while the save was in flight: positions no longer line up; the next
  // save replaces the stored follow-ups without ids anyway.
  if (draft.followUps.length !== sent.followUps.length || stored.followUps.length !== sent.followUps.length) return draft;
  return {
    ...draft,
    followUps: draft.followUps.map((f, i) => {
      const id = stored.followUps[i].id;
      return !f.id && !sent.followUps[i].id && id && stored.followUps[i].kind === f.kind ? { ...f, id } : f;
    }),
  };
}

/** The lints' view of a draft. */
export function lintInput(draft: ItemDraft): LintItem & { followUps: LintFollowUp[] } {
  return {
    question: draft.question,
    answerType: draft.answerType,
    options: draft.options,
    groundTruth: draft.groundTruth,
    followUps: draft.followUps.map(({ id: _id, ...f }) => f),
  };
}

/** Issues keyed by where they belong: "item:question", "0:evidence" (follow-up index 0)… */
export function issuesByField(issues: LintIssue[]): Map<string, LintIssue[]> {
  const map = new Map<string, LintIssue[]>();
  for (const issue of issues) {
    const key = `${issue.followUpIndex ?? "item"}:${issue.field}`;
    map.set(key, [...(map.get(key) ?? []), issue]);
  }
  return map;
}

/**
 * Applies a drafting proposal to a follow-up: fields that are blank, or still exactly what the
 * previous proposal wrote (untouched by the annotator), take the new proposal; anything the
 * annotator wrote is kept.
 */
export function applyProposal(current: DraftFollowUp, proposal: Omit<DraftFollowUp, "id">, previous?: Omit<DraftFollowUp, "id">): DraftFollowUp {
  const next: DraftFollowUp = { ...current };
  for (const field of FOLLOW_UP_FIELDS) {
    const value = current[field];
    // The tactic is the annotator's choice that the proposal was drafted for: never replaced.
    if (field === "tactic") continue;
    const untouched = value === null || value === "" || (previous !== undefined && previous[field] === value);
    if (untouched) (next as unknown as Record<string, unknown>)[field] = proposal[field];
  }
  return next;
}
