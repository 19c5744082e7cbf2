import { parseWith, readJsonObject } from "@/lib/api/http";
import { bodyRules } from "@/lib/api/request-checks";
import { ConflictError } from "@/lib/errors";
import { listReviewsForApi } from "@/lib/reviews/api";
import { claimReviewOf } from "@/lib/reviews/queue";
import { reviewFormSchema } from "@/lib/reviews/schemas";
import { submitReview } from "@/lib/reviews/submit-review";
import { defineRoute } from "@/app/_server/define-route";
import { assertItemAccess } from "@/lib/projects/access";

/** GET /api/v1/items/<id>/reviews: the item's reviews, every round. */
export const GET = defineRoute<{ id: string }>("viewProject", async (_request, { user, db, params }) => {
  await assertItemAccess(db, user, params.id);
  return Response.json(await listReviewsForApi(db, params.id, user));
});

/** POST /api/v1/items/<id>/reviews: claim the item (if free) and review it, as the review screen does. */
export const POST = defineRoute<{ id: string }>("review", async (request, { user, db, params }) => {
  await assertItemAccess(db, user, params.id);
  const body = await readJsonObject(request);
  const review = parseWith(reviewFormSchema, { ...body, itemId: params.id });
  if (!(await claimReviewOf(db, { itemId: params.id, userId: user.id }))) {
    throw new ConflictError("This item is not waiting for your review (someone else holds it, it was decided, or you already reviewed this round).", { field: "itemId" });
  }
  const result = await submitReview(db, { ...review, reviewerId: user.id });
  return Response.json({ reviewId: result.reviewId, round: result.round, outcome: result.outcome.kind, itemStatus: result.status }, { status: 201 });
}, { body: bodyRules.json(64 * 1024) });
