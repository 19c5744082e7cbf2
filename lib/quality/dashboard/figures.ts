// Reads the QualityFigure rows (lib/quality/figures) of one project for the dashboard's queries: the filters'
// time range as UTC days (they are whole days already), summed per key.
import type { Db } from "../../db/client";
import { Prisma } from "../../db";
import { isoDay } from "../figures/rows";
import type { QualityFilters } from "../filters";
import { num } from "./scope";

export interface FigureSum {
  day?: string;
  key: string;
  n: number;
  v: [number, number, number, number, number];
}

/** The filters' range as days: from (inclusive) and until (exclusive), YYYY-MM-DD. */
export function dayRange(f: QualityFilters): { from?: string; until?: string } {
  return { from: f.from && isoDay(f.from), until: f.until && isoDay(f.until) };
}

/**
 * Sums of one kind of figure over the range, per key (per detail with `byDetail`; and per day with `perDay`). `where` adds conditions on
 * the row `q` (e.g. on q."otherDay"); `key` keeps one person's rows.
 */
export async function sumFigures(
  db: Db,
  projectId: string,
  kind: string,
  range: { from?: string; until?: string },
  options: { key?: string; perDay?: boolean; where?: Prisma.Sql; byDetail?: boolean } = {},
): Promise<FigureSum[]> {
  const day = options.perDay ? Prisma.sql`q."day"` : Prisma.sql`''`;
  const group = options.byDetail ? Prisma.sql`q."detail"` : Prisma.sql`q."key"`;
  const rows = await db.$queryRaw<Array<{ day: string; key: string; n: unknown; v1: unknown; v2: unknown; v3: unknown; v4: unknown; v5: unknown }>>(Prisma.sql`
    SELECT ${day} AS "day", ${group} AS "key", SUM(q."n") AS "n", SUM(q."v1") AS "v1", SUM(q."v2") AS "v2", SUM(q."v3") AS "v3", SUM(q."v4") AS "v4", SUM(q."v5") AS "v5"
    FROM "QualityFigure" q
    WHERE q."projectId" = ${projectId} AND q."kind" = ${kind}
      ${range.from ? Prisma.sql`AND q."day" >= ${range.from}` : Prisma.empty}
      ${range.until ? Prisma.sql`AND q."day" < ${range.until}` : Prisma.empty}
      ${options.key !== undefined ? Prisma.sql`AND q."key" = ${options.key}` : Prisma.empty}
      ${options.where ?? Prisma.empty}
    GROUP BY 1, 2`);
  return rows.map((r) => ({ ...(options.perDay && { day: r.day }), key: r.key, n: num(r.n), v: [num(r.v1), num(r.v2), num(r.v3), num(r.v4), num(r.v5)] }));
}
