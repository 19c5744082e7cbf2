// An item's reviewable content as one plain value: what a revision snapshots and the diff compares.
// Pure (no database), so the browser can render diffs too.
import { followUpContent, itemFieldsOf, type ItemFields } from "../followups/content";
import { FIELD_LABELS as EDITOR_FIELD_LABELS } from "../followups/editor-draft";
import type { LintFollowUp } from "../lints/types";

export const ITEM_TEXT_FIELDS = ["question", "groundTruth", "caption"] as const;
export const FOLLOW_UP_TEXT_FIELDS = ["initialAnswer", "userMessage", "claimedAnswer", "evidence", "response", "finalAnswer"] as const;
export type ItemTextField = (typeof ITEM_TEXT_FIELDS)[number];
export type FollowUpTextField = (typeof FOLLOW_UP_TEXT_FIELDS)[number];

/** Field names people read, for comments and diffs. */
export const FIELD_LABELS: Record<string, string> = {
  ...EDITOR_FIELD_LABELS,
  // Shorter than the editor's, next to a diff or a comment.
  initialAnswer: "Initial answer",
  userMessage: "User message",
  evidence: "Evidence",
  general: "General",
};

export interface FollowUpContent {
  id: string;
  kind: string;
  position: number;
  initialAnswer: string;
  userMessage: string;
  claimedAnswer: string;
  tactic: string;
  verdict: string | null;
  evidence: string;
  response: string;
  finalAnswer: string;
  /** One-round injection (false in snapshots taken before it existed). */
  inFirstTurn: boolean;
}

export interface ItemContent extends ItemFields {
  followUps: FollowUpContent[];
}

export function itemContent(item: ItemFields & { followUps: (LintFollowUp & { id: string; position: number })[] }): ItemContent {
  return {
    ...itemFieldsOf(item),
    followUps: item.followUps.map((f) => ({ id: f.id, position: f.position, ...followUpContent(f) })),
  };
}

/** Snapshots are stored as JSON; read one back leniently (older or hand-written rows lack fields). */
export function readItemContent(value: unknown): ItemContent {
  const v = (value ?? {}) as Partial<ItemContent>;
  const str = (x: unknown) => (typeof x === "string" ? x : "");
  return {
    question: str(v.question),
    answerType: str(v.answerType),
    options: Array.isArray(v.options) ? v.options.map(str) : [],
    groundTruth: str(v.groundTruth),
    caption: str(v.caption),
    tags: Array.isArray(v.tags) ? v.tags.map(str) : [],
    followUps: Array.isArray(v.followUps)
      ? v.followUps.map((f, i) => ({
          id: str(f?.id), kind: str(f?.kind), position: typeof f?.position === "number" ? f.position : i,
          initialAnswer: str(f?.initialAnswer), userMessage: str(f?.userMessage), claimedAnswer: str(f?.claimedAnswer),
          tactic: str(f?.tactic), verdict: typeof f?.verdict === "string" ? f.verdict : null, evidence: str(f?.evidence),
          response: str(f?.response), finalAnswer: str(f?.finalAnswer), inFirstTurn: f?.inFirstTurn === true,
        }))
      : [],
  };
}
