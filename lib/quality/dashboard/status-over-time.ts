// Items per status, day by day. Derived from the audit log's status changes rather than stored snapshots:
// the current counts are exact (the kept counts, lib/items/status-counts.ts), and walking back day by day undoes each day's net change per
// status (the "status" figures, lib/quality/figures/rows.ts, kept from the Item audit events: an event's
// before.status lost an item, its after.status gained one; a "create" event gained a DRAFT). Status changes
// the audit log does not describe (none today: every status change writes before/after) would shift the
// past, never the present.
import type { Db } from "../../db/client";
import { ITEM_STATUSES, type ItemStatus } from "../../items/status";
import { allItemStatusCounts } from "../../items/status-counts";
import type { QualityFilters } from "../filters";
import { isoDay } from "../figures/rows";
import { sumFigures } from "./figures";

export type StatusDay = { day: string } & Record<ItemStatus, number>;

const DAY_MS = 24 * 60 * 60 * 1000;
/** Default window when the filters set no start. */
export const DEFAULT_DAYS = 30;

export async function statusOverTime(db: Db, projectId: string, f: QualityFilters, now = new Date()): Promise<StatusDay[]> {
  const today = startOfDay(now);
  const last = f.until && f.until.getTime() - DAY_MS < today.getTime() ? new Date(f.until.getTime() - DAY_MS) : today;
  const first = f.from ?? new Date(last.getTime() - (DEFAULT_DAYS - 1) * DAY_MS);
  if (first > last) return [];

  const [current, flows] = await Promise.all([
    allItemStatusCounts(db, projectId),
    sumFigures(db, projectId, "status", { from: isoDay(new Date(first.getTime() + DAY_MS)) }, { perDay: true }),
  ]);

  // net[day][status]: how the day's events changed each status's count.
  const net = new Map<string, Map<string, number>>();
  for (const row of flows) {
    const m = net.get(row.day!) ?? new Map<string, number>();
    net.set(row.day!, m);
    m.set(row.key, (m.get(row.key) ?? 0) + row.n);
  }
  const counts = new Map<string, number>(Object.entries(current));
  // Undo every day after `last` first (up to today), then record each day of the window while walking back.
  const days: StatusDay[] = [];
  for (let d = today; d >= first; d = new Date(d.getTime() - DAY_MS)) {
    const key = isoDay(d);
    if (d <= last) days.push({ day: key, ...Object.fromEntries(ITEM_STATUSES.map((s) => [s, Math.max(0, counts.get(s) ?? 0)])) } as StatusDay);
    for (const [status, delta] of net.get(key) ?? []) counts.set(status, (counts.get(status) ?? 0) - delta);
  }
  return days.reverse();
}

export function startOfDay(d: Date): Date {
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
}
