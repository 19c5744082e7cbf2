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
