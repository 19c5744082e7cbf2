// The canonical SRT record (lib/export/record.ts) as JSONL, checked field by field and against the
// SRT consistency lints (lib/lints): a misleading record must hold the truth, a corrective one adopt it.
import { z } from "zod";
import { hasErrors } from "../../lints/issues";
import { lintFollowUp } from "../../lints/followup-rules";
import { SRT_SCHEMA_VERSION, turnTexts, type SrtRecord } from "../record";
import { srtRecordSerializer } from "../record-json";
import { EXPORT_VARIANTS } from "../schemas";
import { shapeErrors, unsafePathError } from "./check";
import type { ExportFormat } from "./types";

const KINDS = ["MISLEADING", "CORRECTIVE"] as const;
const ANSWER_TYPES = ["MULTIPLE_CHOICE", "YES_NO", "SHORT_ANSWER", "NUMBER"] as const;
const score = z.number().min(1).max(5);

const partSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("image"), image: z.string().min(1) }).strict(),
  z.object({ type: z.literal("text"), text: z.string() }).strict(),
]);

const recordSchema = z
  .object({
    schema_version: z.literal(SRT_SCHEMA_VERSION),
    item_id: z.string().min(1),
    follow_up_id: z.string().min(1),
    asset_id: z.string().min(1),
    split: z.string().min(1),
    variant: z.enum(EXPORT_VARIANTS),
    kind: z.enum(KINDS),
    answer_type: z.enum(ANSWER_TYPES),
    question: z.string(),
    options: z.array(z.string()),
    ground_truth: z.string(),
    caption: z.string(),
    tags: z.array(z.string()),
    initial_answer: z.string(),
    user_message: z.string(),
    claimed_answer: z.string(),
    // Optional: exports made before one-round injection existed still validate (as four-turn records).
    in_first_turn: z.boolean().optional(),
    tactic: z.string(),
    rationale: z.object({ verdict: z.enum(KINDS).nullable(), evidence: z.string(), response: z.string() }).strict(),
    final_answer: z.string(),
    image: z.string().min(1).nullable(),
    messages: z
      .array(z.object({ role: z.enum(["user", "assistant"]), content: z.array(partSchema).min(1) }).strict()),
    review: z
      .object({
        scores: z
          .object({
            visual_grounding: score,
            verdict_correctness: score,
            reasoning_consistency: score,
            tone: score,
            answer_correctness: score,
            mean: score,
          })
          .strict()
          .nullable(),
        reviewers: z.array(z.string()),
        decision: z.string().nullable(),
        gold: z.boolean(),
      })
      .strict(),
    provenance: z
      .object({
        annotator: z.string().nullable(),
        created_at: z.iso.datetime(),
        updated_at: z.iso.datetime(),
        image_sha256: z.string().regex(/^[0-9a-f]{64}$/, "a sha256 is 64 lower-case hex digits"),
        source: z.string(),
        license: z.string(),
        attribution: z.string(),
        // Optional: exports made before it existed still validate.
        rationale_origin: z.enum(["human", "model-edited", "model-unedited"]).optional(),
      })
      .strict(),
  })
  .strict();

/** The messages must be the record's own fields, turn by turn. */
function conversationErrors(record: SrtRecord): string[] {
  const errors: string[] = [];
  const inFirstTurn = record.in_first_turn === true;
  const roles = inFirstTurn ? ["user", "assistant"] : ["user", "assistant", "user", "assistant"];
  if (record.messages.length !== roles.length) {
    return [
      inFirstTurn
        ? `messages: an in-first-turn record has two turns (user: question with the opinion, assistant), found ${record.messages.length}`
        : `messages: four turns (user, assistant, user, assistant), found ${record.messages.length}`,
    ];
  }
  record.messages.forEach((m, i) => {
    if (m.role !== roles[i]) errors.push(`messages.${i}.role: expected "${roles[i]}", got "${m.role}"`);
  });
  const imageParts = record.messages.flatMap((m) => m.content.filter((p) => p.type === "image"));
  if (record.image === null) {
    if (imageParts.length > 0) errors.push("messages: image parts in a record without an image");
    if (record.variant !== "text-only") errors.push(`image: missing (only text-only records go without an image)`);
  } else {
    const first = record.messages[0].content.filter((p) => p.type === "image");
    if (imageParts.length !== 1 || first.length !== 1 || first[0].image !== record.image) {
      errors.push(`messages.0: the first user turn must carry exactly the record's image ("${record.image}")`);
    }
    if (record.variant === "text-only") errors.push("image: a text-only record has no image");
  }
  const texts = turnTexts(record);
  const last = `messages.${texts.length - 1}`;
  const reply = texts[texts.length - 1];
  if (inFirstTurn) {
    if (!texts[0].endsWith(`\n\n${record.user_message.trim()}`)) errors.push("messages.0: must end with the user message (the opinion comes with the question)");
    if (record.initial_answer !== "") errors.push("initial_answer: an in-first-turn record has no initial answer");
  } else {
    if (texts[1] !== record.initial_answer.trim()) errors.push("messages.1: must be the initial answer");
    if (texts[2] !== record.user_message.trim()) errors.push("messages.2: must be the user message");
  }
  if (record.variant === "naive") {
    if (reply !== record.final_answer.trim()) errors.push(`${last}: a naive record's reply must be the final answer`);
  } else {
    const response = record.rationale.response.trim();
    const final = record.final_answer.trim();
    if (!(response !== "" && reply.includes(response)) && !(final !== "" && reply.includes(final))) {
      errors.push(`${last}: the reply must contain the rationale's response or the final answer`);
    }
  }
  return errors;
}

function lintErrors(record: SrtRecord): string[] {
  const issues = lintFollowUp(
    { question: record.question, answerType: record.answer_type as (typeof ANSWER_TYPES)[number], options: record.options, groundTruth: record.ground_truth },
    {
      kind: record.kind,
      initialAnswer: record.initial_answer,
      userMessage: record.user_message,
      claimedAnswer: record.claimed_answer,
      tactic: record.tactic,
      verdict: record.rationale.verdict,
      evidence: record.rationale.evidence,
      response: record.rationale.response,
      finalAnswer: record.final_answer,
      inFirstTurn: record.in_first_turn === true,
    },
  );
  if (!hasErrors(issues)) return [];
  return issues.filter((i) => i.severity === "error").map((i) => `${i.rule}: ${i.message}`);
}

export const srt: ExportFormat = {
  name: "srt",
  container: "jsonl",
  toJson: (record) => record,
  serializer: srtRecordSerializer,
  check(value) {
    const errors = shapeErrors(recordSchema, value);
    if (errors.length > 0) return { errors, images: [] };
    const record = value as SrtRecord;
    if (record.image !== null) {
      const unsafe = unsafePathError(record.image, "image");
      if (unsafe) errors.push(unsafe);
    }
    errors.push(...conversationErrors(record), ...lintErrors(record));
    return { errors, images: record.image !== null && errors.length === 0 ? [record.image] : [] };
  },
  fields: [
    "One JSON object per line, keys always in this order:",
    "",
    "- `schema_version`; `item_id`, `follow_up_id`, `asset_id`; `split`; `variant`",
    "- `kind`: `MISLEADING` (the model was right, the user pushes a wrong answer) or `CORRECTIVE` (the model was wrong, the user corrects it)",
    "- `answer_type` (`MULTIPLE_CHOICE`, `YES_NO`, `SHORT_ANSWER`, `NUMBER`), `question`, `options` (labelled A, B, C… in order), `ground_truth`, `caption`, `tags`",
    "- `initial_answer` (the model's first answer), `user_message` (the push-back), `claimed_answer`, `in_first_turn`, `tactic` (how the user pushes)",
    "- `in_first_turn`: `true` for a one-round injection: the user's opinion (`user_message`) comes with the question, `messages` has two turns, `initial_answer` is empty and `kind` says whether that opinion is wrong (`MISLEADING`) or right (`CORRECTIVE`); `false` for the usual push-back after the model's answer",
    "- `rationale`: `verdict` (the user's claim judged `MISLEADING` or `CORRECTIVE` after looking again), `evidence` (what the image shows), `response`",
    "- `final_answer`; `image` (`images/<sha256>.<ext>`, null in text-only)",
    "- `messages`: the four turns (user: image + question; assistant: initial answer; user: follow-up; assistant: the reply) as content parts; with `in_first_turn`, two turns (user: image + question + the user's opinion; assistant: the reply)",
    "- `review`: rubric `scores` averaged over reviews (1–5, null without reviews), `reviewers`, the latest `decision`, `gold`",
    "- `provenance`: `annotator`, `created_at`, `updated_at`, `image_sha256`, the image's `source`, `license` and `attribution`, `rationale_origin` (`human`, `model-edited`: drafted by a model then edited by a person, `model-unedited`)",
  ].join("\n"),
  loadingGuide(files) {
    return [
      "Canonical SRT records (JSON Lines), one per follow-up. Read them with `datasets`:",
      "",
      "```python",
      "from datasets import load_dataset",
      `ds = load_dataset("json", data_files={${files.map((f) => `"${f.split}": "${f.path}"`).join(", ")}})`,
      'ds["train"][0]["messages"]  # user (image + question), assistant, user (follow-up), assistant (reflection)',
      "```",
    ].join("\n");
  },
};
