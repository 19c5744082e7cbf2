// Streams the selected items with their follow-ups, reviews and image, in keyset pages by item id:
// a handful of queries per page (no N+1), memory bounded by the page size.
import type { Db } from "../db/client";
import type { RecordSource } from "./record";
import { meetsMinScore, summarizeReviews } from "./review-summary";
import type { ExportParams } from "./schemas";
import { compareFollowUps, itemWhere, optionsOf, reviewOrder, reviewSelect } from "./selection";

export const DEFAULT_PAGE_SIZE = 500;

export interface ReadOptions {
  projectId: string;
  params: ExportParams;
  pageSize?: number;
  signal?: AbortSignal;
}

/** One page of records, in item id order and, within an item, follow-up kind, position and id. */
export async function* readRecordPages(db: Db, { projectId, params, pageSize = DEFAULT_PAGE_SIZE, signal }: ReadOptions): AsyncGenerator<RecordSource[]> {
  const where = itemWhere(projectId, params.filters, params.variant);
  let after: string | undefined;
  for (;;) {
    signal?.throwIfAborted();
    const items = await db.item.findMany({
      where: { ...where, ...(after === undefined ? {} : { id: { gt: after } }) },
      select: {
        id: true,
        assetId: true,
        question: true,
        answerType: true,
        options: true,
        groundTruth: true,
        caption: true,
        isGold: true,
        tags: { select: { tag: true } },
        asset: { select: { sha256: true, mime: true, source: true, license: true, attribution: true } },
        reviews: { select: reviewSelect, orderBy: reviewOrder },
        followUps: {
          select: {
            id: true,
            kind: true,
            position: true,
            initialAnswer: true,
            userMessage: true,
            claimedAnswer: true,
            tactic: true,
            verdict: true,
            evidence: true,
            response: true,
            finalAnswer: true,
            authorId: true,
            createdAt: true,
            updatedAt: true,
          },
        },
      },
      orderBy: { id: "asc" },
      take: pageSize,
    });
    const page: RecordSource[] = [];
    for (const item of items) {
      const review = summarizeReviews(item.reviews);
      if (!meetsMinScore(review, params.filters.minScore)) continue;
      const source = {
        id: item.id,
        assetId: item.assetId,
        question: item.question,
        answerType: item.answerType,
        options: optionsOf(item.id, item.options),
        groundTruth: item.groundTruth,
        caption: item.caption,
        isGold: item.isGold,
        tags: item.tags.map((t) => t.tag).sort(), // in JS: database collations differ
      };
      for (const followUp of item.followUps.sort(compareFollowUps)) {
        page.push({ item: source, followUp, asset: item.asset, review });
      }
    }
    if (page.length > 0) yield page;
    if (items.length < pageSize) return;
    after = items[items.length - 1].id;
  }
}
