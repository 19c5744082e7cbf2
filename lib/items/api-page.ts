// Items for the REST API (GET /api/v1/projects/{slug}/items): a keyset page of the items table (listItems)
// with each item's full content — options, ground truth, image, tags — and its follow-ups with their
// rationales. Three indexed queries per page, whatever its size.
import { z } from "zod";
import type { Db } from "../db/client";
import { ANSWER_TYPES } from "../projects/settings";
import { imageUrl } from "./image-url";
import { findTextMatches, listItems } from "./list";
import { MAX_PAGE } from "./schemas";
import { ITEM_STATUSES } from "./status";
import { followUpContent } from "../followups/content";
import type { LintFollowUp } from "../lints/types";

/** Query-string parameters (all text): validated here so a 400 names the parameter. */
export const apiItemsQuerySchema = z
  .object({
    status: z.enum(ITEM_STATUSES).optional(),
    answerType: z.enum(ANSWER_TYPES).optional(),
    tag: z.string().trim().toLowerCase().min(1).max(40).optional(),
    q: z.string().trim().max(200).optional(),
    /** created: creation order (default); relevance: best match first (needs `q`). */
    sort: z.enum(["created", "relevance"]).default("created"),
    /** Items in creation order: oldest first (default, so a sync can follow new items), or newest first. */
    order: z.enum(["asc", "desc"]).default("asc"),
    cursor: z.string().max(200).optional(),
    limit: z.coerce.number().int("a whole number").min(1, "at least 1").max(MAX_PAGE, `at most ${MAX_PAGE}`).default(50),
  })
  .strict()
  .refine((q) => q.sort !== "relevance" || !!q.q, { path: ["sort"], message: "relevance needs a text query (q)" });
export type ApiItemsQuery = z.input<typeof apiItemsQuerySchema>;

/** A FollowUp's content (the fields the lints read) plus its identity and position. */
export interface ApiFollowUp extends LintFollowUp {
  id: string;
  position: number;
  version: number;
  updatedAt: string;
}

export interface ApiItem {
  id: string;
  status: (typeof ITEM_STATUSES)[number];
  question: string;
  answerType: (typeof ANSWER_TYPES)[number];
  options: string[];
  groundTruth: string;
  caption: string;
  isGold: boolean;
  tags: string[];
  version: number;
  image: { sha256: string; mime: string; width: number; height: number; url: string };
  followUps: ApiFollowUp[];
  createdAt: string;
  updatedAt: string;
}

export interface ApiItemPage {
  items: ApiItem[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  nextCursor: string | null;
  /** The text query matched more than MAX_MATCHES items in a source: the pages cover the newest of them. */
  searchCapped: boolean;
}

const KIND_ORDER = { MISLEADING: 0, CORRECTIVE: 1 } as const;

/** One page; throws a ZodError naming the parameter (also for a cursor that is not one). */
export async function listItemsForApi(db: Db, projectId: string, query: ApiItemsQuery | Record<string, string>): Promise<ApiItemPage> {
  const q = apiItemsQuerySchema.parse(query);
  // Best match first; `order` is the creation order's direction.
  const dir = q.sort === "relevance" ? "desc" : q.order;
  const matches = await findTextMatches(db, projectId, q.q);
  const page = await listItems(db, projectId, { status: q.status, answerType: q.answerType, tag: q.tag, q: q.q, sort: q.sort, dir, cursor: q.cursor, limit: q.limit }, matches);
  const ids = page.items.map((i) => i.id);
  const [rows, followUps] = await Promise.all([
    db.item.findMany({
      where: { id: { in: ids } },
      select: {
        id: true,
        options: true,
        groundTruth: true,
        caption: true,
        asset: { select: { sha256: true, mime: true, width: true, height: true } },
      },
    }),
    db.followUp.findMany({ where: { itemId: { in: ids } } }),
  ]);
  const full = new Map(rows.map((r) => [r.id, r]));
  const followUpsOf = new Map<string, ApiFollowUp[]>();
  for (const f of followUps.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const list = followUpsOf.get(f.itemId) ?? [];
    list.push({
      id: f.id,
      ...followUpContent(f),
      position: f.position,
      version: f.version,
      updatedAt: f.updatedAt.toISOString(),
    });
    followUpsOf.set(f.itemId, list);
  }
  const items: ApiItem[] = page.items.flatMap((row) => {
    const item = full.get(row.id);
    if (!item) return []; // deleted between the two queries
    const raw = typeof item.options === "string" ? (JSON.parse(item.options) as unknown) : item.options;
    const options = Array.isArray(raw) ? raw.filter((o): o is string => typeof o === "string") : [];
    return [
      {
        id: row.id,
        status: row.status,
        question: row.question,
        answerType: row.answerType,
        options,
        groundTruth: item.groundTruth,
        caption: item.caption,
        isGold: row.isGold,
        tags: row.tags,
        version: row.version,
        image: { ...item.asset, url: imageUrl(projectId, item.asset.sha256, "original") },
        followUps: followUpsOf.get(row.id) ?? [],
        createdAt: row.createdAt.toISOString(),
        updatedAt: row.updatedAt.toISOString(),
      },
    ];
  });
  return { items, nextCursor: page.nextCursor, searchCapped: matches?.capped ?? false };
}
