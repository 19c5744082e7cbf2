// What each QualityFigure row counts, and the rows one change contributes. Days are UTC calendar days
// (YYYY-MM-DD), the dashboard's time filters are whole days, so per-day sums answer every range exactly.
//   status     key = status; n = the day's net change of items in that status (created DRAFT, moves in/out)
//   submit     key = submitter; n = submits, v1 = submits with lint warnings
//   rubric     key = the item's submitter ('' none); n = reviews, v1..v5 = score sums (RUBRIC_CRITERIA order)
//   outcome    one row per item per day it was reviewed; key = submitter, otherDay = the item's next review
//              day ('' none); n = 1, v1 = the day's latest review approves. A range's latest review of the
//              item is on the last reviewed day inside it: the row with day in range and otherDay past it.
//   firstPass  the same with otherDay = the previous review day; n = the day's earliest review approves.
//   tactic     day the follow-up was created; key = its author ('' none), detail = its tactic;
//              n = MISLEADING follow-ups, v1 = CORRECTIVE ones
// Summing the rows (projectId, kind, day, otherDay, key, detail) of any set of changes gives the figures.

export interface FigureRow {
  kind: "status" | "submit" | "rubric" | "outcome" | "firstPass" | "tactic";
  day: string;
  otherDay?: string;
  key?: string;
  detail?: string;
  n: number;
  v?: [number, number, number, number, number];
}

export function isoDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** The rows an Item audit event adds (mirrors how the audit log itself was read: create → DRAFT, before/after.status). */
export function auditFigureRows(e: { entity: string; action: string; actorId: string | null; before?: unknown; after?: unknown; at: Date }): FigureRow[] {
  if (e.entity !== "Item") return [];
  const day = isoDay(e.at);
  const field = (v: unknown, key: string) => (v && typeof v === "object" ? (v as Record<string, unknown>)[key] : undefined);
  const rows: FigureRow[] = [];
  const after = field(e.after, "status");
  const gained = typeof after === "string" ? after : e.action === "create" ? "DRAFT" : undefined;
  if (e.action === "create" || typeof after === "string") {
    const before = field(e.before, "status");
    if (gained) rows.push({ kind: "status", day, key: gained, n: 1 });
    if (typeof before === "string") rows.push({ kind: "status", day, key: before, n: -1 });
  }
  if (e.action === "submit" && e.actorId) {
    const warnings = Number(field(e.after, "lintWarnings") ?? 0);
    rows.push({ kind: "submit", day, key: e.actorId, n: 1, v: [warnings > 0 ? 1 : 0, 0, 0, 0, 0] });
  }
  return rows;
}

export interface FigureReview {
  createdAt: Date;
  decision: string;
  visualGrounding: number;
  verdictCorrectness: number;
  reasoningConsistency: number;
  tone: number;
  answerCorrectness: number;
}

/** The rows one item's reviews contribute, given its submitter. */
export function reviewFigureRows(submittedById: string | null, reviews: FigureReview[]): FigureRow[] {
  const key = submittedById ?? "";
  const rows: FigureRow[] = reviews.map((r) => ({
    kind: "rubric", day: isoDay(r.createdAt), key, n: 1,
    v: [r.visualGrounding, r.verdictCorrectness, r.reasoningConsistency, r.tone, r.answerCorrectness],
  }));
  if (!submittedById) return rows;
  const byDay = new Map<string, FigureReview[]>();
  for (const r of reviews) byDay.set(isoDay(r.createdAt), [...(byDay.get(isoDay(r.createdAt)) ?? []), r]);
  const days = [...byDay.keys()].sort();
  days.forEach((day, j) => {
    const times = byDay.get(day)!.map((r) => ({ at: r.createdAt.getTime(), approve: r.decision === "APPROVE" }));
    const at = times.map((t) => t.at);
    const approvals = times.filter((t) => t.approve).map((t) => t.at);
    const latestApproves = approvals.length > 0 && Math.max(...approvals) === Math.max(...at);
    const earliestApproves = approvals.length > 0 && Math.min(...approvals) === Math.min(...at);
    rows.push({ kind: "outcome", day, otherDay: days[j + 1] ?? "", key, n: 1, v: [latestApproves ? 1 : 0, 0, 0, 0, 0] });
    rows.push({ kind: "firstPass", day, otherDay: days[j - 1] ?? "", key, n: earliestApproves ? 1 : 0 });
  });
  return rows;
}

/** The rows one item's follow-ups contribute. */
export function followUpFigureRows(followUps: Array<{ createdAt: Date; kind: string; tactic: string; authorId: string | null }>): FigureRow[] {
  return followUps.map((f) => {
    const misleading = f.kind === "MISLEADING" ? 1 : 0;
    return { kind: "tactic", day: isoDay(f.createdAt), key: f.authorId ?? "", detail: f.tactic, n: misleading, v: [1 - misleading, 0, 0, 0, 0] };
  });
}
