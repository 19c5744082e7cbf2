// Validation of what the editor sends: a whole item draft with its follow-ups. Drafts may be
// incomplete (the lints judge completeness); these schemas only bound shapes and lengths.
import { z } from "zod";
import { ANSWER_TYPES, tacticName } from "../projects/settings";

export const LIMITS = {
  question: 2_000,
  option: 500,
  options: 26,
  answer: 500,
  caption: 4_000,
  tag: 40,
  tags: 30,
  userMessage: 2_000,
  evidence: 4_000,
  response: 4_000,
  followUps: 20,
} as const;

const text = (max: number) => z.string().trim().max(max, `at most ${max} characters`);

export const followUpKindSchema = z.enum(["MISLEADING", "CORRECTIVE"]);

export const followUpInputSchema = z.object({
  /** An existing follow-up of this item to update; omitted for a new one. */
  id: z.string().min(1).max(64).optional(),
  kind: followUpKindSchema,
  initialAnswer: text(LIMITS.answer).default(""),
  userMessage: text(LIMITS.userMessage).default(""),
  claimedAnswer: text(LIMITS.answer).default(""),
  tactic: tacticName.default("PLAIN_ASSERTION"),
  verdict: followUpKindSchema.nullable().default(null),
  evidence: text(LIMITS.evidence).default(""),
  response: text(LIMITS.response).default(""),
  finalAnswer: text(LIMITS.answer).default(""),
  /** One-round injection: the user's opinion comes with the question (no initial answer turn). */
  inFirstTurn: z.boolean().default(false),
  /** From "Draft with model": marks evidence and response model-drafted while unchanged (lib/models/draft-origin). */
  modelSeal: z.string().max(100).optional(),
});
export type FollowUpInput = z.input<typeof followUpInputSchema>;
export type FollowUpData = z.output<typeof followUpInputSchema>;

/** Tags are lowercase words: letters, digits, spaces, "-", "_", ":"; duplicates are dropped. */
export const tagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} _:-]*$/u, "a tag is letters, digits, spaces, -, _ or :")
  .max(LIMITS.tag, `at most ${LIMITS.tag} characters`);

export const itemFieldsSchema = z.object({
  question: text(LIMITS.question),
  answerType: z.enum(ANSWER_TYPES),
  options: z.array(text(LIMITS.option)).max(LIMITS.options, `at most ${LIMITS.options} options`).default([]),
  groundTruth: text(LIMITS.answer),
  caption: text(LIMITS.caption).default(""),
  tags: z
    .array(tagSchema)
    .max(LIMITS.tags, `at most ${LIMITS.tags} tags`)
    .default([])
    .transform((tags) => [...new Set(tags)]),
  isGold: z.boolean().default(false),
});

export const saveItemDraftSchema = itemFieldsSchema.extend({
  itemId: z.string().min(1),
  expectedVersion: z.number().int().min(1),
  actorId: z.string().min(1),
  followUps: z.array(followUpInputSchema).max(LIMITS.followUps, `at most ${LIMITS.followUps} follow-ups`),
});
export type SaveItemDraftInput = z.input<typeof saveItemDraftSchema>;
export type SaveItemDraftData = z.output<typeof saveItemDraftSchema>;

export const submitItemSchema = z.object({
  itemId: z.string().min(1),
  expectedVersion: z.number().int().min(1),
  actorId: z.string().min(1),
});

/** A tactic the project does not offer is an error on that follow-up's `tactic` field. */
export function checkTactics(followUps: { tactic: string }[], tactics: string[]): void {
  const issues: z.core.$ZodIssue[] = [];
  followUps.forEach((f, i) => {
    if (!tactics.includes(f.tactic)) {
      issues.push({ code: "custom", path: ["followUps", i, "tactic"], message: `unknown tactic "${f.tactic}" (this project offers ${tactics.join(", ")})`, input: f.tactic });
    }
  });
  if (issues.length > 0) throw new z.ZodError(issues);
}
