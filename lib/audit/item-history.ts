// An item's history for its page: its own audit events (edits, claims, submits, status changes), those of
// its follow-ups, and its reviews, newest first. Three indexed queries.
import type { Db } from "../db/client";

export interface HistoryEntry {
  id: string;
  at: Date;
  who: string | null;
  /** What happened, as the audit log names it ("submit", "claim", …) or "review". */
  action: string;
  entity: string;
  /** A short human summary: a status change, a decision, changed fields. */
  detail: string;
}

const LIMIT = 100;

export async function itemHistory(db: Db, itemId: string): Promise<HistoryEntry[]> {
  const followUps = await db.followUp.findMany({ where: { itemId }, select: { id: true } });
  const [events, reviews] = await Promise.all([
    db.auditEvent.findMany({
      where: { OR: [{ entity: "Item", entityId: itemId }, ...(followUps.length > 0 ? [{ entity: "FollowUp", entityId: { in: followUps.map((f) => f.id) } }] : [])] },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take: LIMIT,
      select: { id: true, at: true, entity: true, action: true, before: true, after: true, actor: { select: { name: true } } },
    }),
    db.review.findMany({
      where: { itemId },
      orderBy: { createdAt: "desc" },
      take: LIMIT,
      select: { id: true, createdAt: true, decision: true, comment: true, reviewer: { select: { name: true } } },
    }),
  ]);
  const entries: HistoryEntry[] = [
    ...events.map((e) => ({ id: e.id, at: e.at, who: e.actor?.name ?? null, action: e.action, entity: e.entity, detail: summarise(e.before, e.after) })),
    ...reviews.map((r) => ({ id: r.id, at: r.createdAt, who: r.reviewer.name, action: "review", entity: "Review", detail: [r.decision, r.comment].filter(Boolean).join(": ") })),
  ];
  return entries.sort((a, b) => b.at.getTime() - a.at.getTime() || (a.id < b.id ? 1 : -1)).slice(0, LIMIT);
}

/** "status: SUBMITTED → APPROVED; assigneeId: … " for the fields an event changed (long values cut). */
export function summarise(before: unknown, after: unknown): string {
  const b = isRecord(before) ? before : {};
  const a = isRecord(after) ? after : {};
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  const show = (v: unknown) => {
    const s = typeof v === "string" ? v : JSON.stringify(v);
    return s === undefined ? "—" : s.length > 40 ? `${s.slice(0, 39)}…` : s;
  };
  return keys
    .filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]))
    .slice(0, 4)
    .map((k) => (k in b ? `${k}: ${show(b[k])} → ${show(a[k])}` : `${k}: ${show(a[k])}`))
    .join("; ");
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
