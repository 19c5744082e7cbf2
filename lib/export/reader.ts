// Streams the selected items with their image, follow-ups, reviews and tags, in keyset pages by item
// id: four queries per page (no N+1), memory bounded by the page size. Plain SQL of the common subset:
// Prisma's model mapping costs more than the scan itself on this hot path.
import type { DraftOrigin } from "../models/draft-origin-labels";
import type { Db } from "../db/client";
import { Prisma } from "../db";
import { providerOf, type DbProvider } from "../db/provider";
import { openRawReads } from "../db/raw-reads";
import type { RecordSource } from "./record";
import { summarizeReviews, type ReviewScores } from "./review-summary";
import type { ExportParams } from "./schemas";
import { byString, compareFollowUps, optionsOf, selectedFollowUps, selectedItems } from "./selection";
import type { LintFollowUp } from "../lints/types";
import { followUpContent } from "../followups/content";

export const DEFAULT_PAGE_SIZE = 250;

export interface ReadOptions {
  projectId: string;
  params: ExportParams;
  pageSize?: number;
  signal?: AbortSignal;
}

interface ItemRow {
  id: string;
  assetId: string;
  question: string;
  answerType: string;
  options: unknown;
  groundTruth: string;
  caption: string;
  isGold: boolean | number;
  sha256: string;
  mime: string;
  source: string;
  license: string;
  attribution: string;
}

interface FollowUpRow extends Omit<LintFollowUp, "inFirstTurn"> {
  /** SQLite answers booleans as 0/1 in raw queries. */
  inFirstTurn: boolean | number;
  id: string;
  itemId: string;
  position: number | bigint;
  authorId: string | null;
  draftOrigin: DraftOrigin;
  createdAt: Date | string;
  updatedAt: Date | string;
}

type ReviewRow = ReviewScores & { id: string; itemId: string; createdAt: Date | string; round: number | bigint };
type AdjudicationRow = { itemId: string; round: number | bigint; decision: string; createdAt: Date | string };

const asDate = (value: Date | string) => (value instanceof Date ? value : new Date(value));

/**
 * One page of records, in item id order and, within an item, follow-up kind, position and id. Each page
 * is the next `pageSize` selected items after the last page's last id; its follow-ups, reviews and tags
 * are read by the page's item ids, passed as one value (a JSON list on SQLite, an array on PostgreSQL).
 */
export async function* readRecordPages(db: Db, { projectId, params, pageSize = DEFAULT_PAGE_SIZE, signal }: ReadOptions): AsyncGenerator<RecordSource[]> {
  const size = Math.max(1, Math.floor(pageSize));
  const where = selectedItems(projectId, params.filters, params.variant);
  const followUpWhere = selectedFollowUps(params.filters);
  let after: string | undefined;
  const reads = openRawReads(db);
  const provider = providerOf(db);
  try {
    for (;;) {
      signal?.throwIfAborted();
      const from = after === undefined ? Prisma.empty : Prisma.sql` AND i."id" > ${after}`;
      const items = await reads.all<ItemRow[]>(Prisma.sql`
        SELECT i."id", i."assetId", i."question", i."answerType", i."options", i."groundTruth", i."caption", i."isGold",
               a."sha256", a."mime", a."source", a."license", a."attribution"
        FROM "Item" i JOIN "Asset" a ON a."id" = i."assetId"
        WHERE ${where}${from} ORDER BY i."id" LIMIT ${size}`);
      if (items.length === 0) return;
      // The page's follow-ups, reviews and tags by its item ids: an index lookup per item, instead of
      // walking the id range again through the whole selection (gold checks included) for each query.
      const pageIds = pageItemIds(provider, items);
      const followUps = await reads.all<FollowUpRow[]>(Prisma.sql`
        SELECT f."id", f."itemId", f."kind", f."position", f."initialAnswer", f."userMessage", f."claimedAnswer",
               f."tactic", f."verdict", f."evidence", f."response", f."finalAnswer", f."inFirstTurn", f."authorId", f."draftOrigin", f."createdAt", f."updatedAt"
        FROM ${pageIds} JOIN "FollowUp" f ON f."itemId" = p."id" WHERE ${followUpWhere}`);
      const reviews = await reads.all<ReviewRow[]>(Prisma.sql`
        SELECT r."id", r."itemId", r."createdAt", r."reviewerId", r."visualGrounding", r."verdictCorrectness", r."reasoningConsistency", r."tone",
               r."answerCorrectness", r."decision", r."round"
        FROM ${pageIds} JOIN "Review" r ON r."itemId" = p."id"`);
      const adjudications = await reads.all<AdjudicationRow[]>(Prisma.sql`
        SELECT ad."itemId", ad."round", ad."decision", ad."createdAt" FROM ${pageIds} JOIN "Adjudication" ad ON ad."itemId" = p."id"`);
      const tags = await reads.all<{ itemId: string; tag: string }[]>(Prisma.sql`
        SELECT t."itemId", t."tag" FROM ${pageIds} JOIN "ItemTag" t ON t."itemId" = p."id"`);

      const page = pageOf(items, { followUps, reviews, adjudications, tags });
      // Only the page outlives this point: the raw rows can be collected while it is written.
      const full = items.length === size;
      after = items[items.length - 1].id;
      items.length = 0;
      if (page.length > 0) yield page;
      if (!full) return;
    }
  } finally {
    reads.close();
  }
}

/** The page's item ids as a table `p("id")`: one bound value whatever the page size. */
function pageItemIds(provider: DbProvider, items: { id: string }[]): Prisma.Sql {
  const ids = items.map((i) => i.id);
  return provider === "postgresql"
    ? Prisma.sql`unnest(${ids}::text[]) AS p("id")`
    : Prisma.sql`(SELECT value AS "id" FROM json_each(${JSON.stringify(ids)})) p`;
}

interface PageRows {
  followUps: FollowUpRow[];
  reviews: ReviewRow[];
  adjudications: AdjudicationRow[];
  tags: { itemId: string; tag: string }[];
}

/** A page's records from its rows (small functions of their own: the generator above stays cheap to compile). */
function pageOf(items: ItemRow[], rows: PageRows): RecordSource[] {
  const followUpsOf = groupBy(rows.followUps, (f) => f.itemId);
  const reviewsOf = groupBy(rows.reviews, (r) => r.itemId);
  const adjudicationsOf = groupBy(rows.adjudications, (a) => a.itemId);
  const tagsOf = groupBy(rows.tags, (t) => t.itemId);
  const page: RecordSource[] = [];
  for (const row of items) {
    const item = itemOf(row, tagsOf.get(row.id) ?? []);
    const asset = { sha256: row.sha256, mime: row.mime, source: row.source, license: row.license, attribution: row.attribution };
    const review = reviewOf(reviewsOf.get(row.id) ?? [], adjudicationsOf.get(row.id) ?? []);
    const followUps = followUpsOf.get(row.id) ?? [];
    for (const f of followUps) f.position = Number(f.position);
    for (const f of followUps.sort(compareFollowUpRows)) page.push({ item, followUp: followUpOf(f), asset, review });
  }
  return page;
}

function itemOf(row: ItemRow, tags: { tag: string }[]): RecordSource["item"] {
  return {
    id: row.id,
    assetId: row.assetId,
    question: row.question,
    answerType: row.answerType,
    options: optionsOf(row.id, row.options),
    groundTruth: row.groundTruth,
    caption: row.caption,
    isGold: row.isGold === true || row.isGold === 1,
    tags: tags.map((t) => t.tag).sort(byString),
  };
}

/** The final round only (the latest round with reviews); oldest review first, sorted here so both databases agree. */
function reviewOf(allReviews: ReviewRow[], adjudications: AdjudicationRow[]): RecordSource["review"] {
  const finalRound = Math.max(0, ...allReviews.map((r) => Number(r.round)));
  const itemReviews: ReviewScores[] = allReviews
    .filter((r) => Number(r.round) === finalRound)
    .map((r) => ({ row: r, at: asDate(r.createdAt).getTime() }))
    .sort((a, b) => a.at - b.at || byString(a.row.id, b.row.id))
    .map(({ row: r }) => ({
      reviewerId: r.reviewerId,
      visualGrounding: Number(r.visualGrounding),
      verdictCorrectness: Number(r.verdictCorrectness),
      reasoningConsistency: Number(r.reasoningConsistency),
      tone: Number(r.tone),
      answerCorrectness: Number(r.answerCorrectness),
      decision: r.decision,
    }));
  const adjudicated = adjudications
    .filter((a) => Number(a.round) === finalRound)
    .sort((a, b) => asDate(a.createdAt).getTime() - asDate(b.createdAt).getTime())
    .pop()?.decision;
  return summarizeReviews(itemReviews, adjudicated ?? null);
}

/** A record's follow-up from its row, the driver's values made the record's (0/1 → boolean, text → Date). */
function followUpOf(f: FollowUpRow): RecordSource["followUp"] {
  return { id: f.id, ...followUpContent(f), authorId: f.authorId, draftOrigin: f.draftOrigin, createdAt: asDate(f.createdAt), updatedAt: asDate(f.updatedAt) };
}

/** Rows whose position was made a number just before sorting. */
const compareFollowUpRows = (a: FollowUpRow, b: FollowUpRow) => compareFollowUps(a as FollowUpRow & { position: number }, b as FollowUpRow & { position: number });

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const list = groups.get(k);
    if (list) list.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}
