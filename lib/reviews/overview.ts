// The review queue page's counts for one reviewer, and the adjudication list.
import type { Db } from "../db/client";
import { reviewableWhere } from "./queue";

export const REVIEW_OVERVIEW_CAP = 1000;

export interface ReviewOverview {
  /** Items this reviewer could claim now (capped). */
  waiting: number;
  /** Items whose review claim this reviewer holds. */
  held: number;
  /** Reviews this reviewer has written in the project. */
  reviewed: number;
  /** Rounds whose reviews disagree, waiting for a researcher. */
  adjudication: number;
}

export async function reviewOverview(db: Db, projectId: string, userId: string, now = new Date()): Promise<ReviewOverview> {
  const [waiting, held, reviewed, adjudication] = await Promise.all([
    db.item.count({ where: { ...reviewableWhere(projectId, userId, now), followUps: { none: { authorId: userId } } }, take: REVIEW_OVERVIEW_CAP }),
    db.item.count({ where: { projectId, status: "IN_REVIEW", reviewerId: userId, reviewLeaseExpiresAt: { gte: now } } }),
    db.review.count({ where: { reviewerId: userId, item: { projectId } } }),
    db.item.count({ where: { projectId, awaitingAdjudication: true } }),
  ]);
  return { waiting, held, reviewed, adjudication };
}

/** Items waiting for adjudication with the round's reviews side by side (oldest first). */
export async function adjudicationList(db: Db, projectId: string, take = 50) {
  const items = await db.item.findMany({
    where: { projectId, awaitingAdjudication: true },
    orderBy: { id: "asc" },
    take,
    select: {
      id: true, question: true, reviewRound: true,
      reviews: {
        orderBy: { createdAt: "asc" },
        select: {
          id: true, round: true, decision: true, comment: true, visualGrounding: true, verdictCorrectness: true, reasoningConsistency: true,
          tone: true, answerCorrectness: true, reviewer: { select: { name: true } }, comments: { select: { field: true, followUpId: true, body: true } },
        },
      },
    },
  });
  return items.map((i) => ({ ...i, reviews: i.reviews.filter((r) => r.round === i.reviewRound) }));
}
