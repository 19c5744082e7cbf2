// The JSONL manifest, one item per line, in two shapes (see lib/import/MANIFEST.md):
//  • the native row (snake_case fields of an Item and its FollowUps);
//  • an MM-SY-style row (multiple choice with true_option / sy_option and follow-up texts by tone),
//    recognised by its `true_option` field.
import { z } from "zod";
import { ANSWER_TYPES } from "../projects/settings";
import { LIMITS, tagSchema } from "../followups/schemas";

const str = () => z.string({ error: (issue) => (issue.input === undefined ? "required" : "must be a string") });
const text = (max: number) => str().trim().max(max, `at most ${max} characters`);
/** Answers may be written as JSON numbers or booleans too (3, true). */
const answer = z
  .union([z.string(), z.number(), z.boolean()], { error: (issue) => (issue.input === undefined ? "required" : "must be a string, number or boolean") })
  .transform((v) => String(v).trim())
  .pipe(z.string().max(LIMITS.answer, `at most ${LIMITS.answer} characters`));
const optionText = text(LIMITS.option).min(1, "an option cannot be empty");
const upper = (v: unknown) => (typeof v === "string" ? v.trim().toUpperCase() : v);

/** A list, or one comma-separated string. */
const tags = z
  .preprocess((v) => (typeof v === "string" ? v.split(",").filter((t) => t.trim() !== "") : v), z.array(tagSchema))
  .pipe(z.array(z.string()).max(LIMITS.tags, `at most ${LIMITS.tags} tags`))
  .transform((list) => [...new Set(list)])
  .default([]);

const provenance = {
  source: text(500).optional(),
  license: text(200).optional(),
  attribution: text(500).optional(),
};

const common = {
  image: str().min(1, "required"),
  question: text(LIMITS.question).min(1, "required"),
  caption: text(LIMITS.caption).default(""),
  tags,
  is_gold: z.boolean("must be true or false").default(false),
  ...provenance,
};

export const followUpKind = z.preprocess(upper, z.enum(["MISLEADING", "CORRECTIVE"], "must be misleading or corrective"));

export const manifestFollowUpSchema = z.strictObject({
  kind: followUpKind,
  initial_answer: answer.default(""),
  user_message: text(LIMITS.userMessage).default(""),
  claimed_answer: answer.default(""),
  tactic: z.preprocess(upper, str().regex(/^[A-Z][A-Z0-9_]{1,39}$/, "a tactic is UPPER_SNAKE_CASE, 2–40 characters")).default("PLAIN_ASSERTION"),
  verdict: followUpKind.nullable().default(null),
  evidence: text(LIMITS.evidence).default(""),
  response: text(LIMITS.response).default(""),
  final_answer: answer.default(""),
  /** One-round injection: the user's opinion comes with the question (no initial answer). */
  in_first_turn: z.boolean("must be true or false").default(false),
});

export const nativeRowSchema = z.strictObject({
  ...common,
  answer_type: z.preprocess(upper, z.enum(ANSWER_TYPES, `must be one of ${ANSWER_TYPES.join(", ")}`)),
  options: z.array(optionText).max(LIMITS.options, `at most ${LIMITS.options} options`).default([]),
  ground_truth: answer.refine((v) => v !== "", "required"),
  follow_ups: z.array(manifestFollowUpSchema).max(LIMITS.followUps, `at most ${LIMITS.followUps} follow-ups`).default([]),
});
export type NativeRow = z.output<typeof nativeRowSchema>;

/** {"A": "cat", "B": "dog"} → ["cat", "dog"]; keys must be A, B, C… without gaps. */
function letteredOptions(record: Record<string, string>, ctx: z.RefinementCtx): string[] {
  const byLetter = new Map(Object.entries(record).map(([k, v]) => [k.trim().toUpperCase(), v]));
  const expected = Array.from({ length: byLetter.size }, (_, i) => String.fromCharCode(65 + i));
  if (byLetter.size !== Object.keys(record).length || !expected.every((letter) => byLetter.has(letter))) {
    ctx.addIssue({ code: "custom", message: `option keys must be A, B, C… in order without gaps (got ${Object.keys(record).join(", ")})` });
    return [];
  }
  return expected.map((letter) => byLetter.get(letter) as string);
}

export const mmsyRowSchema = z.object({
  ...common,
  options: z
    .union([z.array(optionText), z.record(z.string(), optionText)], { error: 'must be a list of option texts or {"A": …, "B": …}' })
    .transform((options, ctx) => (Array.isArray(options) ? options : letteredOptions(options, ctx)))
    .pipe(z.array(z.string()).min(2, "give at least 2 options").max(LIMITS.options, `at most ${LIMITS.options} options`)),
  true_option: answer.refine((v) => v !== "", "required"),
  sy_option: answer.refine((v) => v !== "", "required"),
  /** {tone: text}, a list of texts (tone "plain"), or one text in `follow_up`. */
  follow_ups: z
    .union([z.record(z.string(), text(LIMITS.userMessage)), z.array(text(LIMITS.userMessage))], { error: "must be {tone: text} or a list of texts" })
    .optional(),
  follow_up: text(LIMITS.userMessage).optional(),
}); // unknown keys (ids, categories of the source dataset) are ignored
export type MmsyRow = z.output<typeof mmsyRowSchema>;
