// Which items an export takes, as one SQL condition shared by split planning and record reading, so
// both see exactly the same records. Plain SQL of the SQLite/PostgreSQL common subset, with parameters.
import { Prisma } from "../db";
import type { ExportFilters, ExportVariant } from "./schemas";

/** Mean of all rubric scores over the reviews of an item's final round (the latest with reviews), rounded to 3 decimals (as the records show it). */
// "* 1.0": SQLite divides integers as integers.
const MEAN_SCORE = Prisma.sql`(SELECT ROUND(SUM(r."visualGrounding" + r."verdictCorrectness" + r."reasoningConsistency" + r."tone" + r."answerCorrectness") * 1.0 / (5 * COUNT(*)), 3) FROM "Review" r WHERE r."itemId" = i."id" AND r."round" = (SELECT MAX(r2."round") FROM "Review" r2 WHERE r2."itemId" = i."id"))`;

/**
 * Enum values as SQL literals: a bound text parameter does not compare with a PostgreSQL enum column,
 * and a CAST would keep SQLite from using the (projectId, status, id) index. Values come from a zod
 * enum; the pattern is a second guard.
 */
function enumLiterals(values: readonly string[]): Prisma.Sql {
  for (const value of values) if (!/^[A-Z][A-Z_]*$/.test(value)) throw new Error(`not an enum value: "${value}"`);
  return Prisma.raw(values.map((v) => `'${v}'`).join(", "));
}

/** The condition on `"Item" i` selecting an export's items. */
export function selectedItems(projectId: string, filters: ExportFilters, variant: ExportVariant): Prisma.Sql {
  const conditions = [Prisma.sql`i."projectId" = ${projectId}`, Prisma.sql`i."status" IN (${enumLiterals(filters.statuses)})`];
  if (filters.tags.length > 0) {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "ItemTag" t WHERE t."itemId" = i."id" AND t."tag" IN (${Prisma.join(filters.tags)}))`);
  }
  if (!filters.includeGold) conditions.push(Prisma.sql`i."isGold" = ${false}`);
  // An annotator's blind copy of a gold item is a test of the annotator, never training data.
  conditions.push(Prisma.sql`NOT EXISTS (SELECT 1 FROM "GoldAttempt" g WHERE g."itemId" = i."id")`);
  // The text-only variant needs a caption to stand in for the image.
  if (variant === "text-only") conditions.push(Prisma.sql`i."caption" <> ''`);
  // No reviews → NULL → not selected when a minimum is set.
  if (filters.minScore !== null) conditions.push(Prisma.sql`${MEAN_SCORE} >= ${filters.minScore}`);
  return Prisma.join(conditions, " AND ");
}

/** The condition on `"FollowUp" f` selecting an export's follow-ups of the selected items. */
export function selectedFollowUps(filters: ExportFilters): Prisma.Sql {
  return filters.excludeModelUnedited ? Prisma.sql`f."draftOrigin" <> ${enumLiterals(["MODEL"])}` : Prisma.sql`1 = 1`;
}

/** Item.options is JSON: a list of option texts. Anything else is a data error worth naming. */
export function optionsOf(itemId: string, options: unknown): string[] {
  const value = typeof options === "string" ? (JSON.parse(options) as unknown) : options;
  if (!Array.isArray(value) || value.some((o) => typeof o !== "string")) {
    throw new Error(`item ${itemId}: options must be a JSON list of strings`);
  }
  return value as string[];
}

export const KIND_ORDER = { MISLEADING: 0, CORRECTIVE: 1 } as const;

/** Follow-ups in a fixed order on every database (PostgreSQL sorts enums by declaration, SQLite by text). */
export function compareFollowUps(
  a: { kind: keyof typeof KIND_ORDER; position: number; id: string },
  b: { kind: keyof typeof KIND_ORDER; position: number; id: string },
): number {
  return KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
