import { z } from "zod";
import { ANSWER_TYPES } from "../projects/settings";
import { ITEM_STATUSES } from "./status";

export const MAX_PAGE = 200;
export const MAX_BULK = 1000;

export const listItemsSchema = z.object({
  status: z.enum(ITEM_STATUSES).optional(),
  /** A user id, or null for unassigned items. */
  assigneeId: z.string().min(1).nullable().optional(),
  answerType: z.enum(ANSWER_TYPES).optional(),
  tag: z.string().trim().toLowerCase().min(1).max(40).optional(),
  hasLintWarnings: z.boolean().optional(),
  /** Items a model answered wrongly (any stored ModelAnswer with correct = false). */
  modelWrong: z.boolean().optional(),
  /** Words of the question, caption or follow-ups, through the full-text index (lib/items/search.ts). */
  q: z.string().trim().max(200).optional(),
  /** "relevance" (best match first) only with `q`; without one it is "created". */
  sort: z.enum(["created", "updated", "relevance"]).default("created"),
  dir: z.enum(["asc", "desc"]).default("desc"),
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(MAX_PAGE).default(50),
});
export type ListItemsOptions = z.input<typeof listItemsSchema>;

/** The order a listing really uses: "relevance" needs a text query, and is "created" without one. */
export function sortOf(f: { sort: ListItemsFilters["sort"]; q?: string }): ListItemsFilters["sort"] {
  return f.sort === "relevance" && !f.q ? "created" : f.sort;
}
export type ListItemsFilters = z.output<typeof listItemsSchema>;

const itemIds = z.array(z.string().min(1)).min(1, "select at least one item").max(MAX_BULK, `at most ${MAX_BULK} items at once`);

export const bulkAssignSchema = z.object({
  actorId: z.string().min(1),
  itemIds,
  assigneeId: z.string().min(1).nullable(),
  projectId: z.string().min(1).optional(),
});

export const bulkSetStatusSchema = z.object({
  actorId: z.string().min(1),
  itemIds,
  status: z.enum(ITEM_STATUSES),
  projectId: z.string().min(1).optional(),
});
