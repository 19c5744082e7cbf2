// Which items an export takes (the filters), expressed once so planning and writing agree exactly.
import type { Prisma } from "../db";
import type { ExportFilters, ExportVariant } from "./schemas";

export function itemWhere(projectId: string, filters: ExportFilters, variant: ExportVariant): Prisma.ItemWhereInput {
  return {
    projectId,
    status: { in: filters.statuses },
    ...(filters.tags.length > 0 ? { tags: { some: { tag: { in: filters.tags } } } } : {}),
    ...(filters.includeGold ? {} : { isGold: false }),
    // The text-only variant needs a caption to stand in for the image.
    ...(variant === "text-only" ? { caption: { not: "" } } : {}),
  };
}

export const reviewSelect = {
  reviewerId: true,
  visualGrounding: true,
  verdictCorrectness: true,
  reasoningConsistency: true,
  tone: true,
  answerCorrectness: true,
  decision: true,
} as const;

export const reviewOrder: Prisma.ReviewOrderByWithRelationInput[] = [{ createdAt: "asc" }, { id: "asc" }];

/** Item.options is JSON: a list of option texts. Anything else is a data error worth naming. */
export function optionsOf(itemId: string, options: unknown): string[] {
  if (!Array.isArray(options) || options.some((o) => typeof o !== "string")) {
    throw new Error(`item ${itemId}: options must be a JSON list of strings`);
  }
  return options as string[];
}

export const KIND_ORDER = { MISLEADING: 0, CORRECTIVE: 1 } as const;

/** Follow-ups in a fixed order on every database (PostgreSQL sorts enums by declaration, SQLite by text). */
export function compareFollowUps(
  a: { kind: keyof typeof KIND_ORDER; position: number; id: string },
  b: { kind: keyof typeof KIND_ORDER; position: number; id: string },
): number {
  return KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
