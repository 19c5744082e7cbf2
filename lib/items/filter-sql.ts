// The items table's filters as SQL over `"Item" i`, for the listings that cannot go through Prisma's
// where (the text search: lib/items/search-list.ts). Says what itemFilterWhere (lib/items/list.ts) says;
// lib/items/search-list.int.test.ts checks the two agree on every filter.
import { Prisma } from "../db/generated/sqlite/client";
import { sqlNoIndex as noIndex, type DbProvider } from "../db/provider";
import type { ListItemsFilters } from "./schemas";

type Filters = Omit<ListItemsFilters, "sort" | "dir" | "limit" | "cursor" | "q">;

/**
 * `provider`: on SQLite the project is no index's entry point (the text match is: a few hundred matches
 * read through the id, not 100k items walked through [projectId, status, id]).
 */
export function itemFilterSql(provider: DbProvider, projectId: string, f: Filters): Prisma.Sql {
  // Gold copies are scoring work, not the project's items (lib/items/gold-copies.ts).
  const parts = [Prisma.sql`${noIndex(provider, "projectId", "i")} = ${projectId}`, Prisma.sql`NOT EXISTS (SELECT 1 FROM "GoldAttempt" g WHERE g."itemId" = i."id")`];
  // Enum values (validated by the schema) as literals: PostgreSQL compares its enum columns with them.
  if (f.status) parts.push(Prisma.sql`i."status" = ${Prisma.raw(`'${f.status}'`)}`);
  if (f.assigneeId !== undefined) parts.push(f.assigneeId === null ? Prisma.sql`i."assigneeId" IS NULL` : Prisma.sql`i."assigneeId" = ${f.assigneeId}`);
  if (f.answerType) parts.push(Prisma.sql`i."answerType" = ${Prisma.raw(`'${f.answerType}'`)}`);
  if (f.tag) parts.push(Prisma.sql`EXISTS (SELECT 1 FROM "ItemTag" t WHERE t."itemId" = i."id" AND t."tag" = ${f.tag})`);
  if (f.hasLintWarnings !== undefined) parts.push(f.hasLintWarnings ? Prisma.sql`i."lintWarnings" > 0` : Prisma.sql`i."lintWarnings" = 0`);
  if (f.modelWrong !== undefined) {
    const wrong = Prisma.sql`EXISTS (SELECT 1 FROM "ModelAnswer" a WHERE a."itemId" = i."id" AND a."correct" = false)`;
    parts.push(f.modelWrong ? wrong : Prisma.sql`NOT ${wrong}`);
  }
  return Prisma.join(parts, " AND ");
}
