// What people read for a follow-up's kind and tactic: in the editor, the conflict view, lint messages
// and the drafting notes. Pure (no zod), so the browser editor can use it.
import type { AnswerTypeName } from "../lints/types";
import type { DEFAULT_TACTICS } from "../projects/settings";
import type { FollowUpKindName } from "./editor-draft";

export const ANSWER_TYPE_LABELS: Record<AnswerTypeName, string> = {
  MULTIPLE_CHOICE: "Multiple choice",
  YES_NO: "Yes / no",
  SHORT_ANSWER: "Short answer",
  NUMBER: "Number",
};

export const FOLLOW_UP_KIND_LABELS: Record<FollowUpKindName, string> = {
  MISLEADING: "Misleading",
  CORRECTIVE: "Corrective",
};

/** The built-in tactics' labels; a project's own tactics are shown from their names. */
export const TACTIC_LABELS: Record<(typeof DEFAULT_TACTICS)[number], string> = {
  PLAIN_ASSERTION: "Plain assertion",
  AUTHORITY: "Appeal to authority",
  CONFIDENCE: "Confidence",
  SOCIAL_PROOF: "Social proof",
  EMOTIONAL: "Emotional appeal",
  LEADING_QUESTION: "Leading question",
};

/** "CONFIDENCE" → "Confidence"; a project's own "SHOUTING_LOUDLY" → "Shouting loudly". */
export function tacticLabel(name: string): string {
  const known = (TACTIC_LABELS as Record<string, string>)[name];
  if (known) return known;
  const words = name.toLowerCase().replace(/_/g, " ").trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "Misleading follow-up 1": a follow-up named by its kind and its place among the follow-ups of that kind. */
export function followUpTitle(kind: FollowUpKindName, place?: number): string {
  return `${FOLLOW_UP_KIND_LABELS[kind]} follow-up${place === undefined ? "" : ` ${place}`}`;
}

/** Each follow-up's place among those of its kind (1-based), in list order. */
export function followUpPlaces(followUps: readonly { kind: FollowUpKindName }[]): number[] {
  const seen: Record<FollowUpKindName, number> = { MISLEADING: 0, CORRECTIVE: 0 };
  return followUps.map((f) => ++seen[f.kind]);
}

/** The titles of a list of follow-ups, in order ("Misleading follow-up 1", "Corrective follow-up 1"…). */
export function followUpTitles(followUps: readonly { kind: FollowUpKindName }[]): string[] {
  const places = followUpPlaces(followUps);
  return followUps.map((f, i) => followUpTitle(f.kind, places[i]));
}
