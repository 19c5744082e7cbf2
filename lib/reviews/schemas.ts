import { z } from "zod";
import { REVIEW_DECISIONS } from "../items/status";
import { RUBRIC_CRITERIA, SCORE_MAX, SCORE_MIN } from "./rubric";

/** A review claim lasts longer than an annotator's: reading and scoring takes a while. */
export const REVIEW_LEASE_MS = 30 * 60 * 1000;

export const reviewClaimInputSchema = z.object({
  projectId: z.string().min(1),
  userId: z.string().min(1),
  leaseMs: z.number().int().min(10_000).max(4 * 60 * 60 * 1000).default(REVIEW_LEASE_MS),
  now: z.date().optional(),
});
export type ReviewClaimInput = z.input<typeof reviewClaimInputSchema>;

const score = z.coerce.number({ error: "score 1–5" }).int("score 1–5").min(SCORE_MIN, "score 1–5").max(SCORE_MAX, "score 1–5");

export const scoresSchema = z.object(Object.fromEntries(RUBRIC_CRITERIA.map((c) => [c, score])) as Record<(typeof RUBRIC_CRITERIA)[number], typeof score>);

export const reviewCommentSchema = z.object({
  /** null/absent: a field of the item; else the follow-up the field belongs to. */
  followUpId: z.string().min(1).nullish(),
  /** The field the comment is about ("question", "evidence", …) or "general". */
  field: z.string().trim().min(1).max(40).regex(/^[a-zA-Z]+$/, "a field name"),
  body: z.string().trim().min(1, "write the comment").max(4000),
});
export type ReviewCommentInput = z.infer<typeof reviewCommentSchema>;

/** A review's body (the REST API's POST; the item comes from the URL). */
export const reviewBodySchema = z.object({
  scores: scoresSchema,
  decision: z.enum(REVIEW_DECISIONS, "choose approve, request changes or reject"),
  /** The overall comment; for a rejection, the reason. */
  comment: z.string().trim().max(4000).default(""),
  comments: z.array(reviewCommentSchema).max(200).default([]),
});

/** A review as a form sends it (the reviewer is the signed-in user). */
export const reviewFormSchema = reviewBodySchema
  .extend({ itemId: z.string().min(1) })
  .superRefine((r, ctx) => {
    if (r.decision === "REQUEST_CHANGES" && r.comment === "" && r.comments.length === 0) {
      ctx.addIssue({ code: "custom", path: ["comment"], message: "say what to change: a comment is required to request changes" });
    }
    if (r.decision === "REJECT" && r.comment === "") ctx.addIssue({ code: "custom", path: ["comment"], message: "a reason is required to reject" });
  });

export const submitReviewSchema = z.intersection(reviewFormSchema, z.object({ reviewerId: z.string().min(1) }));
export type SubmitReviewInput = z.input<typeof submitReviewSchema>;

export const adjudicateFormSchema = z
  .object({
    itemId: z.string().min(1),
    decision: z.enum(REVIEW_DECISIONS, "choose the final decision"),
    reason: z.string().trim().max(4000).default(""),
  })
  .superRefine((r, ctx) => {
    if (r.decision !== "APPROVE" && r.reason === "") ctx.addIssue({ code: "custom", path: ["reason"], message: "a reason is required unless you approve" });
  });

export const adjudicateSchema = z.intersection(adjudicateFormSchema, z.object({ actorId: z.string().min(1) }));
export type AdjudicateInput = z.input<typeof adjudicateSchema>;
