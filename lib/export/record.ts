// The canonical SRT record: one follow-up with everything needed to train, audit and re-derive any
// trainer format. Keys are written in the order of this literal, so files are byte-stable.
import { renderResponse } from "../projects/response-template";
import { firstTurnText, imagePath } from "./prompt";
import type { ReviewSummary } from "./review-summary";
import type { ExportVariant } from "./schemas";
import type { LintFollowUp } from "../lints/types";
import { DRAFT_ORIGIN_EXPORT, type DraftOrigin } from "../models/draft-origin-labels";

export const SRT_SCHEMA_VERSION = 1;

export type Kind = "MISLEADING" | "CORRECTIVE";

export type SrtPart = { type: "image"; image: string } | { type: "text"; text: string };
export interface SrtMessage {
  role: "user" | "assistant";
  content: SrtPart[];
}

export interface SrtRecord {
  schema_version: number;
  item_id: string;
  follow_up_id: string;
  asset_id: string;
  split: string;
  variant: ExportVariant;
  kind: Kind;
  answer_type: string;
  question: string;
  options: string[];
  ground_truth: string;
  caption: string;
  tags: string[];
  initial_answer: string;
  user_message: string;
  claimed_answer: string;
  /**
   * One-round injection: the user's opinion (`user_message`) came with the question, so `messages` has two
   * turns and `initial_answer` is "" (the model never answered before the opinion).
   */
  in_first_turn: boolean;
  tactic: string;
  rationale: { verdict: Kind | null; evidence: string; response: string };
  final_answer: string;
  /** images/<sha256>.<ext>, relative to the export folder; null in the text-only variant. */
  image: string | null;
  messages: SrtMessage[];
  review: {
    scores: ReviewSummary["scores"];
    reviewers: string[];
    decision: string | null;
    gold: boolean;
  };
  provenance: {
    annotator: string | null;
    created_at: string;
    updated_at: string;
    image_sha256: string;
    source: string;
    license: string;
    attribution: string;
    /** Who wrote the rationale: "human", "model-edited" (a model drafted it, a person edited it) or "model-unedited". */
    rationale_origin: string;
  };
}

/** The database rows one record is built from (plain data; the export reader fills it). */
export interface RecordSource {
  item: {
    id: string;
    assetId: string;
    question: string;
    answerType: string;
    options: string[];
    groundTruth: string;
    caption: string;
    isGold: boolean;
    tags: string[];
  };
  followUp: LintFollowUp & {
    id: string;
    authorId: string | null;
    /** HUMAN when absent (previews of unsaved drafts). */
    draftOrigin?: DraftOrigin;
    createdAt: Date;
    updatedAt: Date;
  };
  asset: { sha256: string; mime: string; source: string; license: string; attribution: string };
  review: ReviewSummary;
}

export interface RecordContext {
  split: string;
  variant: ExportVariant;
  responseTemplate: string;
}

/** The assistant's last turn: the reflective reply, or only the final answer for the naive baseline. */
export function assistantReply(followUp: RecordSource["followUp"], variant: ExportVariant, template: string): string {
  if (variant === "naive") return followUp.finalAnswer.trim();
  return renderResponse(template, {
    verdict: followUp.verdict,
    evidence: followUp.evidence,
    response: followUp.response,
    finalAnswer: followUp.finalAnswer,
  });
}

/** The record's image path: null in the text-only variant. */
export function recordImage(asset: Pick<RecordSource["asset"], "sha256" | "mime">, variant: ExportVariant): string | null {
  return variant === "text-only" ? null : imagePath(asset.sha256, asset.mime);
}

/**
 * The first user turn: the image and the question (text-only: the caption, then the question); with
 * `opinion` (one-round injection) the user's opinion follows the question in the same turn.
 */
export function firstTurnParts(item: Pick<RecordSource["item"], "question" | "options" | "caption">, image: string | null, opinion?: string): SrtPart[] {
  const text = firstTurnText(item, image !== null, opinion);
  return image === null ? [{ type: "text", text }] : [{ type: "image", image }, { type: "text", text }];
}

/**
 * The conversation: question, initial answer, follow-up, reply; or, for an in-first-turn follow-up, the
 * question with the user's opinion, then the reply.
 */
function conversation(item: RecordSource["item"], followUp: RecordSource["followUp"], image: string | null, ctx: RecordContext): SrtMessage[] {
  const reply: SrtMessage = { role: "assistant", content: [{ type: "text", text: assistantReply(followUp, ctx.variant, ctx.responseTemplate) }] };
  if (followUp.inFirstTurn) return [{ role: "user", content: firstTurnParts(item, image, followUp.userMessage) }, reply];
  return [
    { role: "user", content: firstTurnParts(item, image) },
    { role: "assistant", content: [{ type: "text", text: followUp.initialAnswer.trim() }] },
    { role: "user", content: [{ type: "text", text: followUp.userMessage.trim() }] },
    reply,
  ];
}

export function buildSrtRecord({ item, followUp, asset, review }: RecordSource, ctx: RecordContext): SrtRecord {
  const image = recordImage(asset, ctx.variant);
  return {
    schema_version: SRT_SCHEMA_VERSION,
    item_id: item.id,
    follow_up_id: followUp.id,
    asset_id: item.assetId,
    split: ctx.split,
    variant: ctx.variant,
    kind: followUp.kind,
    answer_type: item.answerType,
    question: item.question,
    options: item.options,
    ground_truth: item.groundTruth,
    caption: item.caption,
    tags: item.tags,
    initial_answer: followUp.inFirstTurn ? "" : followUp.initialAnswer,
    user_message: followUp.userMessage,
    claimed_answer: followUp.claimedAnswer,
    in_first_turn: followUp.inFirstTurn,
    tactic: followUp.tactic,
    rationale: { verdict: followUp.verdict, evidence: followUp.evidence, response: followUp.response },
    final_answer: followUp.finalAnswer,
    image,
    messages: conversation(item, followUp, image, ctx),
    review: { scores: review.scores, reviewers: review.reviewers, decision: review.decision, gold: item.isGold },
    provenance: {
      annotator: followUp.authorId,
      created_at: followUp.createdAt.toISOString(),
      updated_at: followUp.updatedAt.toISOString(),
      image_sha256: asset.sha256,
      source: asset.source,
      license: asset.license,
      attribution: asset.attribution,
      rationale_origin: DRAFT_ORIGIN_EXPORT[followUp.draftOrigin ?? "HUMAN"],
    },
  };
}

/**
 * The turns as plain text (image part dropped), user first and alternating: what the trainer formats are
 * made of. Four turns, or two for an in-first-turn follow-up.
 */
export function turnTexts(record: SrtRecord): string[] {
  const text = (m: SrtMessage) =>
    m.content
      .filter((p): p is { type: "text"; text: string } => p.type === "text")
      .map((p) => p.text)
      .join("\n");
  return record.messages.map(text);
}
