// SQL fragments shared by the dashboard's queries: time ranges and counts. The annotator of an item is its
// submitter, Item."submittedById" (set by every submit, lib/followups/submit.ts, never cleared; the latest
// submitter when several people submitted it); an item never submitted has none. A plain column on the item
// row the queries already join, indexed with the project for the person filter.
import { Prisma } from "../../db";
import type { QualityFilters } from "../filters";

/** "AND <column> >= from AND <column> < until" for the filters' time range (nothing when open). */
export function rangeSql(column: Prisma.Sql, f: QualityFilters): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (f.from) parts.push(Prisma.sql` AND ${column} >= ${f.from}`);
  if (f.until) parts.push(Prisma.sql` AND ${column} < ${f.until}`);
  return parts.length === 0 ? Prisma.empty : Prisma.join(parts, "");
}

/** Counts come back as bigint from PostgreSQL and number from SQLite. */
export function num(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return typeof value === "bigint" ? Number(value) : Number(value);
}

export function numOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : num(value);
}
