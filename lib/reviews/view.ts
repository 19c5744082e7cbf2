// Everything the review screen shows for one item and one reviewer. Reviews of the current round by
// others stay hidden until this reviewer has submitted theirs (no anchoring on their scores).
import type { Db } from "../db/client";
import { getItemForEditing, toLintItem } from "../followups/item-view";
import { lintItem } from "../lints/item-rules";
import type { LintIssue } from "../lints/types";
import type { ProjectSettings } from "../projects/settings";
import { diffSinceLastRound, type FieldDiff } from "./diff";

export interface ReviewView {
  item: NonNullable<Awaited<ReturnType<typeof getItemForEditing>>>;
  issues: LintIssue[];
  /** This user holds the review claim and may score and decide. */
  holding: boolean;
  /** This user wrote the item (never reviews it). */
  isAuthor: boolean;
  /** Whether this user already reviewed the current round. */
  reviewedThisRound: boolean;
  reviews: {
    id: string; round: number; decision: string; comment: string; reviewer: string; mine: boolean; scores: Record<string, number>;
    comments: { followUpId: string | null; field: string; body: string }[];
  }[];
  adjudications: { round: number; decision: string; reason: string; adjudicator: string }[];
  diff: (FieldDiff & { changedByNames: string[] })[] | null;
}

export async function loadReviewView(db: Db, itemId: string, userId: string, settings: ProjectSettings): Promise<ReviewView | null> {
  const item = await getItemForEditing(db, itemId);
  if (!item) return null;
  const [reviews, revisions, adjudications] = await Promise.all([
    db.review.findMany({
      where: { itemId },
      orderBy: { createdAt: "asc" },
      select: {
        id: true, round: true, decision: true, comment: true, reviewerId: true, visualGrounding: true, verdictCorrectness: true,
        reasoningConsistency: true, tone: true, answerCorrectness: true, reviewer: { select: { name: true } },
        comments: { select: { followUpId: true, field: true, body: true }, orderBy: { createdAt: "asc" } },
      },
    }),
    db.itemRevision.findMany({ where: { itemId }, orderBy: { createdAt: "asc" }, select: { round: true, kind: true, authorId: true, content: true } }),
    db.adjudication.findMany({ where: { itemId }, orderBy: { createdAt: "asc" }, select: { round: true, decision: true, reason: true, adjudicatorId: true } }),
  ]);
  const reviewedThisRound = reviews.some((r) => r.round === item.reviewRound && r.reviewerId === userId);
  const visible = reviews.filter((r) => r.round < item.reviewRound || r.reviewerId === userId || reviewedThisRound || item.status !== "IN_REVIEW" || item.awaitingAdjudication);
  const diff = diffSinceLastRound(revisions, item.reviewRound);
  const ids = [...new Set([...(diff ?? []).flatMap((d) => d.changedBy), ...adjudications.flatMap((a) => (a.adjudicatorId ? [a.adjudicatorId] : []))])];
  const names = new Map((await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const isAuthor = item.submittedById === userId || item.followUps.some((f) => f.authorId === userId);
  return {
    item,
    issues: lintItem(toLintItem(item), settings),
    holding: item.status === "IN_REVIEW" && item.reviewerId === userId && !isAuthor,
    isAuthor,
    reviewedThisRound,
    reviews: visible.map((r) => ({
      id: r.id, round: r.round, decision: r.decision, comment: r.comment, reviewer: r.reviewer.name, mine: r.reviewerId === userId,
      scores: { visualGrounding: r.visualGrounding, verdictCorrectness: r.verdictCorrectness, reasoningConsistency: r.reasoningConsistency, tone: r.tone, answerCorrectness: r.answerCorrectness },
      comments: r.comments,
    })),
    adjudications: adjudications.map((a) => ({ round: a.round, decision: a.decision, reason: a.reason, adjudicator: (a.adjudicatorId && names.get(a.adjudicatorId)) || "someone" })),
    diff: diff && diff.map((d) => ({ ...d, changedByNames: d.changedBy.map((id) => names.get(id) ?? "someone") })),
  };
}

/** The comments of the round that sent the item back, for the annotator's editor (next to the fields). */
export async function commentsForAnnotator(db: Db, itemId: string) {
  const item = await db.item.findUnique({ where: { id: itemId }, select: { status: true, reviewRound: true } });
  if (!item || item.status !== "CHANGES_REQUESTED") return [];
  const rows = await db.reviewComment.findMany({
    where: { review: { itemId, round: item.reviewRound } },
    orderBy: { createdAt: "asc" },
    select: { followUpId: true, field: true, body: true, review: { select: { reviewer: { select: { name: true } } } } },
  });
  return rows.map((r) => ({ followUpId: r.followUpId, field: r.field, body: r.body, reviewer: r.review.reviewer.name }));
}
