// What a researcher chooses when starting an evaluation run: the endpoint, which items and follow-ups
// (the frozen test split of the exports, or filters), and the conditions. Shared by the page, REST and CLI.
import { z } from "zod";
import { ITEM_STATUSES } from "../items/status";
import type { JobKindQueue } from "../jobs/enqueue";

export const EVAL_CONDITIONS = ["IMAGE", "TEXT"] as const;
export const EVAL_CONDITION_LABELS: Record<(typeof EVAL_CONDITIONS)[number], string> = {
  IMAGE: "With the image",
  TEXT: "Text only (caption)",
};
/**
 * How the user's opinion reaches the model. MULTI: the question alone, the model's answer, then the
 * follow-up as a second user turn. ONE (one-round injection): one request whose user message is the
 * question with the follow-up's text in the same message; the first answer is the model's answer to the
 * plain question (the request MULTI starts with). Follow-ups marked inFirstTurn are one-round only; the
 * others are asked in both (in ONE their user message goes in the question's message).
 */
export const EVAL_ROUNDS = ["MULTI", "ONE"] as const;
export const EVAL_ROUND_LABELS: Record<(typeof EVAL_ROUNDS)[number], string> = { MULTI: "Multi-round", ONE: "One-round" };
/** What each round kind asks, for the form. */
export const EVAL_ROUND_HINTS: Record<(typeof EVAL_ROUNDS)[number], string> = {
  MULTI: "the follow-up after the model's answer",
  ONE: "the opinion in the question's message",
};
export const FOLLOW_UP_KINDS = ["MISLEADING", "CORRECTIVE"] as const;
export const GOLD_CHOICES = ["any", "only", "exclude"] as const;
export const EVAL_RUN_STATUSES = ["QUEUED", "RUNNING", "SUCCEEDED", "FAILED", "CANCELLED"] as const;
export type EvalRunStatus = (typeof EVAL_RUN_STATUSES)[number];
export const EVAL_RUN_STATUS_LABELS: Record<EvalRunStatus, string> = {
  QUEUED: "Queued",
  RUNNING: "Running",
  SUCCEEDED: "Finished",
  FAILED: "Failed",
  CANCELLED: "Cancelled",
};

/** "a,b" from a form or the CLI, or an array from JSON. */
const list = <T extends z.ZodType>(item: T, bounds: { min?: [number, string]; max?: number } = {}) => {
  let array = z.array(item);
  if (bounds.min) array = array.min(bounds.min[0], bounds.min[1]);
  if (bounds.max !== undefined) array = array.max(bounds.max);
  return z.preprocess((v) => (typeof v === "string" ? v.split(",").map((s) => s.trim()).filter(Boolean) : v), array);
};

export const evalSelectionSchema = z.object({
  /** Only items whose image is in the project's frozen test split (exported as test once, pinned there). */
  frozenTest: z.boolean().default(false),
  statuses: list(z.enum(ITEM_STATUSES)).default(["APPROVED"]),
  /** Items with any of these tags; empty: any. */
  tags: list(z.string().trim().min(1).max(64), { max: 50 }).default([]),
  gold: z.enum(GOLD_CHOICES).default("any"),
  kinds: list(z.enum(FOLLOW_UP_KINDS), { min: [1, "pick at least one follow-up kind"] }).default([...FOLLOW_UP_KINDS]),
  /** Follow-up tactics; empty: all present. */
  tactics: list(z.string().trim().min(1).max(64), { max: 50 }).default([]),
  /** At most this many items (in id order); null: all. */
  maxItems: z.number().int().min(1).max(100_000).nullish().transform((v) => v ?? null),
});
export type EvalSelection = z.output<typeof evalSelectionSchema>;

export const createEvalRunSchema = z.object({
  /** The endpoint's name (unique) or id. */
  endpoint: z.string().trim().min(1, "pick an endpoint"),
  name: z.string().trim().min(1, "give the run a name, e.g. base or srt-checkpoint-3").max(120, "at most 120 characters"),
  selection: evalSelectionSchema.default(evalSelectionSchema.parse({})),
  conditions: list(z.enum(EVAL_CONDITIONS), { min: [1, "pick at least one condition"] }).default(["IMAGE"]),
  rounds: list(z.enum(EVAL_ROUNDS), { min: [1, "pick at least one round kind"] }).default(["MULTI"]),
});
export type CreateEvalRunInput = z.input<typeof createEvalRunSchema>;
export type CreateEvalRun = z.output<typeof createEvalRunSchema>;

/** A stored run's round kinds (runs from before the round kinds were multi-round only). */
export function runRounds(stored: unknown): (typeof EVAL_ROUNDS)[number][] {
  const parsed = z.array(z.enum(EVAL_ROUNDS)).min(1).safeParse(stored);
  return parsed.success ? parsed.data : ["MULTI"];
}

/** The job's parameters: the run does the rest. */
export const evalRunJobParamsSchema = z.object({ runId: z.string().min(1) });

/** What queuing an "eval-run" Job needs (the handler is ./run-job.ts; the web queues without importing it). */
export const evalRunQueue = { kind: "eval-run", params: evalRunJobParamsSchema, maxAttempts: 3 } satisfies JobKindQueue<typeof evalRunJobParamsSchema>;
