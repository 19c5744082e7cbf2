// SQL fragments shared by the dashboard's queries: the project's items' authors, time ranges and the person
// filter. The annotator of an item is whoever submitted it (its "submit" audit events); an item never
// submitted has none.
import { Prisma } from "../../db";
import type { QualityFilters } from "../filters";

/** "AND <column> >= from AND <column> < until" for the filters' time range (nothing when open). */
export function rangeSql(column: Prisma.Sql, f: QualityFilters): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (f.from) parts.push(Prisma.sql` AND ${column} >= ${f.from}`);
  if (f.until) parts.push(Prisma.sql` AND ${column} < ${f.until}`);
  return parts.length === 0 ? Prisma.empty : Prisma.join(parts, "");
}

/** The annotator of the item `itemColumn` names: a correlated lookup on the (entity, entityId) index. */
export function authorOfSql(itemColumn: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(SELECT s."actorId" FROM "AuditEvent" s WHERE s."entity" = 'Item' AND s."entityId" = ${itemColumn} AND s."action" = 'submit' ORDER BY s."at" LIMIT 1)`;
}

/** Counts come back as bigint from PostgreSQL and number from SQLite. */
export function num(value: unknown): number {
  if (value === null || value === undefined) return 0;
  return typeof value === "bigint" ? Number(value) : Number(value);
}

export function numOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : num(value);
}
