import { z } from "zod";
import { DEFAULT_RUBRIC_DESCRIPTIONS, RUBRIC_CRITERIA } from "../reviews/rubric";

export const ANSWER_TYPES = ["MULTIPLE_CHOICE", "YES_NO", "SHORT_ANSWER", "NUMBER"] as const;

/** The built-in pressure tactics of a follow-up; a project may add its own names. */
export const DEFAULT_TACTICS = [
  "PLAIN_ASSERTION",
  "AUTHORITY",
  "CONFIDENCE",
  "SOCIAL_PROOF",
  "EMOTIONAL",
  "LEADING_QUESTION",
] as const;

/**
 * How the assistant's reflective reply is rendered in exports and in the editor's preview.
 * Placeholders: {verdict} (misleading / corrective), {evidence}, {response}, {finalAnswer}.
 */
export const DEFAULT_RESPONSE_TEMPLATE =
  "Let me look at the image again. {evidence}\n\nYour suggestion is {verdict}. {response}\n\nFinal answer: {finalAnswer}";

export const REVIEW_POLICIES = ["all", "majority"] as const;
export type ReviewPolicy = (typeof REVIEW_POLICIES)[number];
export const REVIEW_POLICY_LABELS: Record<ReviewPolicy, string> = {
  all: "All approve (any disagreement goes to adjudication)",
  majority: "Majority (a tie goes to adjudication)",
};

export const tacticName = z
  .string()
  .trim()
  .regex(/^[A-Z][A-Z0-9_]{1,39}$/, "a tactic is UPPER_SNAKE_CASE, 2–40 characters");

export const projectSettingsSchema = z.object({
  allowedAnswerTypes: z.array(z.enum(ANSWER_TYPES)).min(1, "allow at least one answer type").default([...ANSWER_TYPES]),
  misleadingPerItem: z.number().int().min(0).max(10).default(1),
  correctivePerItem: z.number().int().min(0).max(10).default(1),
  /** k: reviews from k different reviewers decide an item (lib/reviews/policy.ts). */
  reviewsPerItem: z.number().int().min(1).max(3).default(1),
  /** How k reviews decide: "all" approve (any disagreement goes to adjudication) or a strict "majority". */
  reviewPolicy: z.enum(REVIEW_POLICIES).default("all"),
  /** What each rubric criterion means in this project, shown to reviewers next to the scores. */
  rubric: z
    .object(Object.fromEntries(RUBRIC_CRITERIA.map((c) => [c, z.string().trim().min(1, "describe the criterion").max(1000).default(DEFAULT_RUBRIC_DESCRIPTIONS[c])])) as {
      [K in (typeof RUBRIC_CRITERIA)[number]]: z.ZodDefault<z.ZodString>;
    })
    .default(DEFAULT_RUBRIC_DESCRIPTIONS),
  responseTemplate: z
    .string()
    .min(1)
    .max(4000)
    .refine((t) => t.includes("{response}") || t.includes("{finalAnswer}"), "the template must use {response} or {finalAnswer}")
    .default(DEFAULT_RESPONSE_TEMPLATE),
  extraTactics: z.array(tacticName).max(30).default([]),
  /** Hamming distance (of 64 bits) at or under which two images count as near-duplicates. */
  nearDuplicateThreshold: z.number().int().min(0).max(32).default(10),
  /** Gold rate: one item in goldEvery an annotator is served is a blind copy of a gold item; 0 turns gold off. */
  goldEvery: z.number().int().min(0).max(1000).default(0),
});

export type ProjectSettings = z.infer<typeof projectSettingsSchema>;

/** Settings as stored (JSON) → validated settings with defaults filled in. */
export function parseProjectSettings(value: unknown): ProjectSettings {
  return projectSettingsSchema.parse(value ?? {});
}

export function projectTactics(settings: ProjectSettings): string[] {
  return [...DEFAULT_TACTICS, ...settings.extraTactics.filter((t) => !(DEFAULT_TACTICS as readonly string[]).includes(t))];
}

// Pure (no zod), so the browser editor can render the preview exactly as exports do.
