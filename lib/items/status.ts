/**
 * The item status module: every list of statuses and every label the app shows comes from here.
 * (The review issue adds the transition rules: who may move an item from which status to which.)
 */
export const ITEM_STATUSES = ["DRAFT", "SUBMITTED", "IN_REVIEW", "CHANGES_REQUESTED", "APPROVED", "REJECTED"] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

/** What people read: in tables, chips, charts, filters and messages. */
export const ITEM_STATUS_LABELS: Record<ItemStatus, string> = {
  DRAFT: "Draft",
  SUBMITTED: "Submitted",
  IN_REVIEW: "In review",
  CHANGES_REQUESTED: "Changes requested",
  APPROVED: "Approved",
  REJECTED: "Rejected",
};

/** Chart and badge colours (hex), one per status, in the same order everywhere. */
export const ITEM_STATUS_COLORS: Record<ItemStatus, string> = {
  DRAFT: "#94a3b8",
  SUBMITTED: "#0ea5e9",
  IN_REVIEW: "#8b5cf6",
  CHANGES_REQUESTED: "#f59e0b",
  APPROVED: "#10b981",
  REJECTED: "#ef4444",
};

/** Statuses an annotator works on: editable, claimable, assignable. */
export const WORK_STATUSES = ["DRAFT", "CHANGES_REQUESTED"] as const satisfies readonly ItemStatus[];
export type WorkStatus = (typeof WORK_STATUSES)[number];

export function isItemStatus(value: unknown): value is ItemStatus {
  return typeof value === "string" && (ITEM_STATUSES as readonly string[]).includes(value);
}

export function isWorkStatus(status: string): status is WorkStatus {
  return (WORK_STATUSES as readonly string[]).includes(status);
}

export function itemStatusLabel(status: string): string {
  return isItemStatus(status) ? ITEM_STATUS_LABELS[status] : status;
}

// ── The lifecycle: who may move an item from which status to which ─────────────────────────────────────
//
//   DRAFT ──submit──▶ SUBMITTED ──claim──▶ IN_REVIEW ──decision (review policy)──▶ APPROVED
//     ▲                 ▲   ◀──release──┘      │  └─ disagreement ─▶ adjudication ─▶ APPROVED / …
//     │                 └── resubmit ── CHANGES_REQUESTED ◀──┤
//     └─────────────── admin override (any status to any other) ───────▶ REJECTED ◀┘
//
// Every status change goes through lib/items/transition.ts, which checks this table (and the actor's
// role and relation to the item) inside the transaction that writes the change and its audit event.

/** In which capacity someone moves an item: the annotator who wrote it, a reviewer, a researcher adjudicating, an admin overriding. */
export const TRANSITION_ACTORS = ["author", "reviewer", "adjudicator", "admin"] as const;
export type TransitionActor = (typeof TRANSITION_ACTORS)[number];

export interface ItemTransition {
  from: ItemStatus;
  to: ItemStatus;
  by: TransitionActor;
  /** The audit event's action. */
  action: string;
}

const decided = ["APPROVED", "CHANGES_REQUESTED", "REJECTED"] as const;

/** Every allowed move except the admin's override (which may move any status to any other). */
export const ITEM_TRANSITIONS: readonly ItemTransition[] = [
  { from: "DRAFT", to: "SUBMITTED", by: "author", action: "submit" },
  { from: "CHANGES_REQUESTED", to: "SUBMITTED", by: "author", action: "submit" },
  { from: "SUBMITTED", to: "IN_REVIEW", by: "reviewer", action: "review.claim" },
  { from: "IN_REVIEW", to: "SUBMITTED", by: "reviewer", action: "review.release" },
  ...decided.map((to) => ({ from: "IN_REVIEW" as const, to, by: "reviewer" as const, action: "review.decide" })),
  ...decided.map((to) => ({ from: "IN_REVIEW" as const, to, by: "adjudicator" as const, action: "adjudicate" })),
];

/** The rule that allows `from → to` for `by`, or null when the move is illegal. */
export function findTransition(from: ItemStatus, to: ItemStatus, by: TransitionActor): ItemTransition | null {
  if (from === to) return null;
  if (by === "admin") return { from, to, by, action: "status" };
  return ITEM_TRANSITIONS.find((t) => t.from === from && t.to === to && t.by === by) ?? null;
}

/** The statuses `by` may move an item in `from` to (for menus and messages). */
export function nextStatuses(from: ItemStatus, by: TransitionActor): ItemStatus[] {
  return ITEM_STATUSES.filter((to) => findTransition(from, to, by) !== null);
}

/** The decisions a review can end in, and the status each one gives the item. */
export const REVIEW_DECISIONS = ["APPROVE", "REQUEST_CHANGES", "REJECT"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
export const DECISION_STATUS: Record<ReviewDecision, ItemStatus> = { APPROVE: "APPROVED", REQUEST_CHANGES: "CHANGES_REQUESTED", REJECT: "REJECTED" };
export const REVIEW_DECISION_LABELS: Record<ReviewDecision, string> = { APPROVE: "Approve", REQUEST_CHANGES: "Request changes", REJECT: "Reject" };

/** Statuses a reviewer's queue hands out (IN_REVIEW: claimed before, lease expired, or waiting for more reviews). */
export const REVIEWABLE_STATUSES = ["SUBMITTED", "IN_REVIEW"] as const satisfies readonly ItemStatus[];
