// A reviewer's review of the item they hold: scores, decision, comments. Once the round has k reviews
// from k reviewers, the project's policy decides the item's status (through the lifecycle module), or
// the round goes to adjudication.
import { recordAudit } from "../audit/record";
import type { Db } from "../db/client";
import { lockForWriting, providerOf } from "../db/provider";
import { ConflictError, NotFoundError } from "../errors";
import { DECISION_STATUS, type ReviewDecision } from "../items/status";
import { assertNotAuthor, transitionItem } from "../items/transition";
import { parseProjectSettings } from "../projects/settings";
import { withItemFigures } from "../quality/figures/store";
import { decideRound, type RoundOutcome } from "./policy";
import { submitReviewSchema, type SubmitReviewInput } from "./schemas";

export interface SubmitReviewResult {
  reviewId: string;
  round: number;
  outcome: RoundOutcome;
  status: string;
}

export async function submitReview(db: Db, input: SubmitReviewInput): Promise<SubmitReviewResult> {
  const data = submitReviewSchema.parse(input);
  return db.$transaction(async (tx) => {
    await lockForWriting(tx, providerOf(db));
    const item = await tx.item.findUnique({
      where: { id: data.itemId },
      select: {
        id: true, status: true, reviewerId: true, reviewRound: true, submittedById: true, projectId: true,
        project: { select: { settings: true } }, followUps: { select: { id: true } },
      },
    });
    if (!item) throw new NotFoundError("item", data.itemId);
    await assertNotAuthor(tx, item, data.reviewerId);
    if (item.status !== "IN_REVIEW" || item.reviewerId !== data.reviewerId) {
      throw new ConflictError("Claim the item from the review queue first: you do not hold it (or it was already decided).", { field: "itemId" });
    }
    const followUpIds = new Set(item.followUps.map((f) => f.id));
    const stray = data.comments.findIndex((c) => c.followUpId && !followUpIds.has(c.followUpId));
    if (stray >= 0) throw new NotFoundError("follow-up", data.comments[stray].followUpId!, { field: `comments.${stray}.followUpId` });

    const round = item.reviewRound;
    if ((await tx.review.count({ where: { itemId: item.id, round, reviewerId: data.reviewerId } })) > 0) {
      throw new ConflictError("You already reviewed this round of the item.", { field: "itemId" });
    }
    const review = await withItemFigures(tx, [item.id], () =>
      tx.review.create({
        data: {
          itemId: item.id, projectId: item.projectId, reviewerId: data.reviewerId, round, decision: data.decision, comment: data.comment, ...data.scores,
          comments: { create: data.comments.map((c) => ({ followUpId: c.followUpId ?? null, field: c.field, body: c.body })) },
        },
        select: { id: true },
      }),
    );
    await recordAudit(tx, {
      actorId: data.reviewerId, entity: "Review", entityId: review.id, action: "create",
      after: { itemId: item.id, round, decision: data.decision, scores: data.scores, comment: data.comment, comments: data.comments.length },
    });

    const settings = parseProjectSettings(item.project.settings);
    const decisions = (await tx.review.findMany({ where: { itemId: item.id, round }, select: { decision: true } })).map((r) => r.decision as ReviewDecision);
    const outcome = decideRound(decisions, settings.reviewsPerItem, settings.reviewPolicy);
    const released = { reviewerId: null, reviewLeaseExpiresAt: null };
    let status: string = item.status;
    if (outcome.kind === "decided") {
      status = DECISION_STATUS[outcome.decision];
      await transitionItem(tx, {
        itemId: item.id, to: DECISION_STATUS[outcome.decision], by: "reviewer", actorId: data.reviewerId,
        // Changes requested: the item goes back to the annotator who submitted it, first in their queue.
        data: { ...released, leaseExpiresAt: null, ...(outcome.decision === "REQUEST_CHANGES" && item.submittedById ? { assigneeId: item.submittedById } : {}) },
        audit: { round, policy: settings.reviewPolicy, reviews: decisions.length },
      });
    } else {
      // More reviews needed (the item returns to the queue for other reviewers) or adjudication.
      await tx.item.update({ where: { id: item.id }, data: { ...released, awaitingAdjudication: outcome.kind === "adjudicate", version: { increment: 1 } } });
      if (outcome.kind === "adjudicate") {
        await recordAudit(tx, { actorId: data.reviewerId, entity: "Item", entityId: item.id, action: "review.disagree", after: { round, decisions } });
      }
    }
    return { reviewId: review.id, round, outcome, status };
  });
}
