"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { ConflictError } from "@/lib/errors";
import { assertItemAccess, assertProjectAccess } from "@/lib/projects/access";
import { adjudicate } from "@/lib/reviews/adjudicate";
import { claimNextReview, releaseReview, renewReview } from "@/lib/reviews/queue";
import { reviewerEdit, reviewerEditSchema } from "@/lib/reviews/reviewer-edit";
import { adjudicateFormSchema, reviewFormSchema } from "@/lib/reviews/schemas";
import { submitReview } from "@/lib/reviews/submit-review";
import { defineAction } from "@/app/_server/action";

/** Claims the next item of the review queue (or the one this reviewer holds). */
export const claimReviewAction = defineAction("review", z.object({ projectId: z.string().min(1) }), async (user, { projectId }) => {
  const db = getDb();
  await assertProjectAccess(db, user, projectId);
  const claim = await claimNextReview(db, { projectId, userId: user.id });
  return { ok: true, data: { itemId: claim?.itemId ?? null } };
});

export const releaseReviewAction = defineAction("review", z.object({ itemId: z.string().min(1) }), async (user, { itemId }) => {
  const db = getDb();
  await assertItemAccess(db, user, itemId);
  await releaseReview(db, { itemId, userId: user.id });
  return { ok: true, message: "Given back to the queue." };
});

/** Keeps the review claim while the review screen stays open and the reviewer is active. */
export const renewReviewAction = defineAction("review", z.object({ itemId: z.string().min(1) }), async (user, { itemId }) => {
  const db = getDb();
  await assertItemAccess(db, user, itemId);
  const leaseExpiresAt = await renewReview(db, { itemId, userId: user.id });
  if (!leaseExpiresAt) throw new ConflictError("This item is no longer yours to review.", { field: "itemId" });
  return { ok: true, data: { leaseExpiresAt: leaseExpiresAt.toISOString() } };
});

export const submitReviewAction = defineAction("review", reviewFormSchema, async (user, input) => {
  const db = getDb();
  await assertItemAccess(db, user, input.itemId);
  const result = await submitReview(db, { ...input, reviewerId: user.id });
  revalidatePath("/projects/[slug]/review", "page");
  return { ok: true, message: "Review saved.", data: { status: result.status, outcome: result.outcome.kind } };
});

export const reviewerEditAction = defineAction("review", reviewerEditSchema.omit({ reviewerId: true }), async (user, input) => {
  const db = getDb();
  await assertItemAccess(db, user, input.itemId);
  const { version } = await reviewerEdit(db, { ...input, reviewerId: user.id });
  return { ok: true, message: "Fixed.", data: { version } };
});

export const adjudicateAction = defineAction("manageProject", adjudicateFormSchema, async (user, input) => {
  const db = getDb();
  await assertItemAccess(db, user, input.itemId);
  const { status } = await adjudicate(db, { ...input, actorId: user.id });
  revalidatePath("/projects/[slug]/adjudication", "page");
  return { ok: true, message: "Decided.", data: { status } };
});
