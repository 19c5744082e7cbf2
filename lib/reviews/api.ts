// The REST API's view of an item's reviews (lib/api/schemas.ts: ReviewList).
import { can, type SessionUser } from "../auth/roles";
import type { Db } from "../db/client";

export async function listReviewsForApi(db: Db, itemId: string, user: SessionUser) {
  const item = await db.item.findUniqueOrThrow({ where: { id: itemId }, select: { status: true, reviewRound: true, awaitingAdjudication: true } });
  const rows = await db.review.findMany({
    where: { itemId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: {
      id: true, itemId: true, round: true, decision: true, comment: true, createdAt: true, reviewerId: true,
      visualGrounding: true, verdictCorrectness: true, reasoningConsistency: true, tone: true, answerCorrectness: true,
      reviewer: { select: { id: true, name: true } },
      comments: { orderBy: { createdAt: "asc" }, select: { followUpId: true, field: true, body: true } },
    },
  });
  // No anchoring: while a round is open, a reviewer sees only their own review of it (researchers see all).
  const open = item.status === "IN_REVIEW" && !item.awaitingAdjudication;
  const reviewedThisRound = rows.some((r) => r.round === item.reviewRound && r.reviewerId === user.id);
  const visible = rows.filter((r) => !open || r.round < item.reviewRound || r.reviewerId === user.id || reviewedThisRound || can(user, "manageProject"));
  return {
    itemStatus: item.status,
    round: item.reviewRound,
    reviews: visible.map((r) => ({
      id: r.id, itemId: r.itemId, round: r.round, reviewer: r.reviewer, decision: r.decision, comment: r.comment, comments: r.comments,
      scores: { visualGrounding: r.visualGrounding, verdictCorrectness: r.verdictCorrectness, reasoningConsistency: r.reasoningConsistency, tone: r.tone, answerCorrectness: r.answerCorrectness },
      createdAt: r.createdAt.toISOString(),
    })),
  };
}
