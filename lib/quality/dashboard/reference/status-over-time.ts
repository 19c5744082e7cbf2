// The status over time query as it was before the QualityFigure rows (scanning reviews and the audit log): kept as the
// oracle the dashboard's integration test compares the figures-based query with. Not used by the app.
import type { Db } from "../../../db/client";
import { providerOf, sqlDay, sqlJsonText } from "../../../db/provider";
import { Prisma } from "../../../db";
import { ITEM_STATUSES } from "../../../items/status";
import { isoDay } from "../../figures/rows";
import { DEFAULT_DAYS, startOfDay, type StatusDay } from "../status-over-time";
import type { QualityFilters } from "../../filters";
import { num } from "../scope";


const DAY_MS = 24 * 60 * 60 * 1000;

export async function statusOverTime(db: Db, projectId: string, f: QualityFilters, now = new Date()): Promise<StatusDay[]> {
  const provider = providerOf(db);
  const today = startOfDay(now);
  const last = f.until && f.until.getTime() - DAY_MS < today.getTime() ? new Date(f.until.getTime() - DAY_MS) : today;
  const first = f.from ?? new Date(last.getTime() - (DEFAULT_DAYS - 1) * DAY_MS);
  if (first > last) return [];

  const day = sqlDay(provider, Prisma.sql`e."at"`);
  const after = sqlJsonText(provider, Prisma.sql`e."after"`, "status");
  const before = sqlJsonText(provider, Prisma.sql`e."before"`, "status");
  const since = new Date(first.getTime() + DAY_MS);
  const [current, flows] = await Promise.all([
    db.item.groupBy({ by: ["status"], where: { projectId }, _count: { _all: true } }),
    db.$queryRaw<Array<{ day: string; gained: string | null; lost: string | null; n: unknown }>>(Prisma.sql`
      SELECT ${day} AS "day",
             COALESCE(${after}, CASE WHEN e."action" = 'create' THEN 'DRAFT' END) AS "gained",
             ${before} AS "lost",
             COUNT(*) AS "n"
      FROM "AuditEvent" e
      WHERE e."projectId" = ${projectId} AND e."entity" = 'Item' AND e."at" >= ${since}
        AND (e."action" = 'create' OR ${after} IS NOT NULL)
      GROUP BY 1, 2, 3`),
  ]);

  // net[day][status]: how the day's events changed each status's count.
  const net = new Map<string, Map<string, number>>();
  for (const row of flows) {
    const m = net.get(row.day) ?? new Map<string, number>();
    net.set(row.day, m);
    if (row.gained) m.set(row.gained, (m.get(row.gained) ?? 0) + num(row.n));
    if (row.lost) m.set(row.lost, (m.get(row.lost) ?? 0) - num(row.n));
  }
  const counts = new Map<string, number>(current.map((c) => [c.status, c._count._all]));
  // Undo every day after `last` first (up to today), then record each day of the window while walking back.
  const days: StatusDay[] = [];
  for (let d = today; d >= first; d = new Date(d.getTime() - DAY_MS)) {
    const key = isoDay(d);
    if (d <= last) days.push({ day: key, ...Object.fromEntries(ITEM_STATUSES.map((s) => [s, Math.max(0, counts.get(s) ?? 0)])) } as StatusDay);
    for (const [status, delta] of net.get(key) ?? []) counts.set(status, (counts.get(status) ?? 0) - delta);
  }
  return days.reverse();
}
