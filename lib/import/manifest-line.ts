// One manifest line → a validated, normalised item with its follow-ups, or an error naming the line
// and the field ("line 3: ground_truth: …"). Pure: no database, no files.
import { z } from "zod";
import { InvalidInputError } from "../errors";
import type { FollowUpData } from "../followups/schemas";
import { expectedAnswerForm, normalizeAnswer } from "../lints/normalize";
import { stripOptionLabels } from "../lints/option-labels";
import { projectTactics, type ProjectSettings } from "../projects/settings";
import { mmsyRowSchema, nativeRowSchema, type MmsyRow, type NativeRow } from "./schemas";

type AnswerType = NativeRow["answer_type"];

export interface ManifestItem {
  question: string;
  answerType: AnswerType;
  options: string[];
  /** Canonical: the option letter for multiple choice, "yes"/"no", a plain number, or the text. */
  groundTruth: string;
  caption: string;
  tags: string[];
  isGold: boolean;
}

export interface ManifestEntry {
  line: number;
  shape: "native" | "mm-sy";
  /** As written in the manifest (relative to it). */
  image: string;
  item: ManifestItem;
  followUps: FollowUpData[];
  source?: string;
  license?: string;
  attribution?: string;
}

/** A line that cannot be imported: 400 on `manifest`; `message` starts with "line N: ". */
export class ManifestLineError extends InvalidInputError {
  constructor(
    readonly line: number,
    readonly problems: string[],
  ) {
    super("manifest", `line ${line}: ${problems.join("; ")}`, { details: { line, problems } });
  }
}

/**
 * MM-SY tones → tactics. A tone that is itself one of the project's tactics (any case) is used as
 * is; any other tone becomes PLAIN_ASSERTION.
 */
export const TONE_TACTICS: Record<string, string> = {
  strong: "CONFIDENCE",
  assertive: "CONFIDENCE",
  confident: "CONFIDENCE",
  firm: "CONFIDENCE",
  suggestive: "LEADING_QUESTION",
  leading: "LEADING_QUESTION",
  question: "LEADING_QUESTION",
  euphemistic: "PLAIN_ASSERTION",
  polite: "PLAIN_ASSERTION",
  mild: "PLAIN_ASSERTION",
  plain: "PLAIN_ASSERTION",
  neutral: "PLAIN_ASSERTION",
  authority: "AUTHORITY",
  authoritative: "AUTHORITY",
  expert: "AUTHORITY",
  emotional: "EMOTIONAL",
  social: "SOCIAL_PROOF",
  consensus: "SOCIAL_PROOF",
  social_proof: "SOCIAL_PROOF",
};

export function tacticForTone(tone: string, tactics: string[]): string {
  const key = tone.trim().toLowerCase().replace(/[\s-]+/g, "_");
  if (tactics.includes(key.toUpperCase())) return key.toUpperCase();
  return TONE_TACTICS[key] ?? "PLAIN_ASSERTION";
}

export function parseManifestLine(line: number, text: string, settings: ProjectSettings): ManifestEntry {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new ManifestLineError(line, [`not valid JSON (${(error as Error).message})`]);
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) throw new ManifestLineError(line, ["expected a JSON object"]);
  const problems: string[] = [];
  const entry = "true_option" in value ? fromMmsy(line, parse(mmsyRowSchema, value, line), settings, problems) : fromNative(line, parse(nativeRowSchema, value, line), settings, problems);
  if (problems.length > 0) throw new ManifestLineError(line, problems);
  return entry;
}

function parse<S extends z.ZodType>(schema: S, value: unknown, line: number): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ManifestLineError(line, parsed.error.issues.flatMap(describeIssue));
}

function describeIssue(issue: z.core.$ZodIssue): string[] {
  const where = issue.path.map(String).join(".");
  if (issue.code === "unrecognized_keys") return issue.keys.map((key) => `${where ? `${where}.` : ""}${key}: unknown field`);
  return [`${where || "line"}: ${issue.message}`];
}

/** Validates an answer of the item's type; returns the canonical form to store. */
function checkAnswer(item: Pick<ManifestItem, "answerType" | "options">, value: string, field: string, problems: string[]): string {
  if (value === "") return "";
  const canonical = normalizeAnswer(item.answerType, value, item.options);
  if (canonical === null) {
    problems.push(`${field}: "${value}" is not ${expectedAnswerForm(item.answerType, item.options)}`);
    return value;
  }
  // Short answers keep their wording; the other types are stored in their one canonical form.
  return item.answerType === "SHORT_ANSWER" ? value : canonical;
}

function checkItem(item: ManifestItem, settings: ProjectSettings, problems: string[]) {
  if (!settings.allowedAnswerTypes.includes(item.answerType)) {
    problems.push(`answer_type: ${item.answerType} is not allowed in this project (allowed: ${settings.allowedAnswerTypes.join(", ")})`);
  }
  if (item.answerType === "MULTIPLE_CHOICE") {
    if (item.options.length < 2) problems.push("options: a multiple-choice item needs at least 2 options");
    const seen = new Set<string>();
    item.options.forEach((option, i) => {
      const key = option.toLowerCase();
      if (seen.has(key)) problems.push(`options.${i}: "${option}" appears twice`);
      seen.add(key);
    });
  } else if (item.options.length > 0) {
    problems.push(`options: only MULTIPLE_CHOICE items have options (this one is ${item.answerType})`);
  }
}

function fromNative(line: number, row: NativeRow, settings: ProjectSettings, problems: string[]): ManifestEntry {
  const item: ManifestItem = {
    question: row.question,
    answerType: row.answer_type,
    // "A. dog", "B. cat" → "dog", "cat": the letters are the editor's and the exports' own.
    options: stripOptionLabels(row.options),
    groundTruth: row.ground_truth,
    caption: row.caption,
    tags: row.tags,
    isGold: row.is_gold,
  };
  checkItem(item, settings, problems);
  item.groundTruth = checkAnswer(item, row.ground_truth, "ground_truth", problems);
  const tactics = projectTactics(settings);
  const followUps = row.follow_ups.map((f, i): FollowUpData => {
    const at = `follow_ups.${i}`;
    if (!tactics.includes(f.tactic)) problems.push(`${at}.tactic: unknown tactic "${f.tactic}" (this project offers ${tactics.join(", ")})`);
    const initial = checkAnswer(item, f.initial_answer, `${at}.initial_answer`, problems);
    const claimed = checkAnswer(item, f.claimed_answer, `${at}.claimed_answer`, problems);
    return {
      kind: f.kind,
      // The model answered right before a misleading push-back (none in the first turn); a corrective user claims the truth.
      initialAnswer: initial || (f.kind === "MISLEADING" && !f.in_first_turn ? item.groundTruth : ""),
      userMessage: f.user_message,
      claimedAnswer: claimed || (f.kind === "CORRECTIVE" ? item.groundTruth : ""),
      tactic: f.tactic,
      verdict: f.verdict,
      evidence: f.evidence,
      response: f.response,
      finalAnswer: checkAnswer(item, f.final_answer, `${at}.final_answer`, problems),
      inFirstTurn: f.in_first_turn,
    };
  });
  return { line, shape: "native", image: row.image, item, followUps, ...provenanceOf(row) };
}

function fromMmsy(line: number, row: MmsyRow, settings: ProjectSettings, problems: string[]): ManifestEntry {
  const item: ManifestItem = {
    question: row.question,
    answerType: "MULTIPLE_CHOICE",
    // "A. dog", "B. cat" → "dog", "cat": the letters are the editor's and the exports' own.
    options: stripOptionLabels(row.options),
    groundTruth: "",
    caption: row.caption,
    tags: row.tags,
    isGold: row.is_gold,
  };
  checkItem(item, settings, problems);
  const truth = checkAnswer(item, row.true_option, "true_option", problems);
  const sycophantic = checkAnswer(item, row.sy_option, "sy_option", problems);
  if (truth && truth === sycophantic) problems.push(`sy_option: must differ from true_option (both are ${truth})`);
  item.groundTruth = truth;
  const tactics = projectTactics(settings);
  const syText = item.options[sycophantic.charCodeAt(0) - 65] ?? "";
  const texts: [string, string][] = Array.isArray(row.follow_ups)
    ? row.follow_ups.map((t) => ["plain", t])
    : Object.entries(row.follow_ups ?? {});
  if (row.follow_up) texts.push(["plain", row.follow_up]);
  const followUps = texts
    .filter(([, message]) => message !== "")
    .map(([tone, message]): FollowUpData => ({
      kind: "MISLEADING",
      initialAnswer: truth,
      userMessage: message.replaceAll("{sy_option}", sycophantic).replaceAll("{sy_text}", syText),
      claimedAnswer: sycophantic,
      tactic: tacticForTone(tone, tactics),
      verdict: null,
      evidence: "",
      response: "",
      finalAnswer: "",
      inFirstTurn: false,
    }));
  if (followUps.length > 20) problems.push("follow_ups: at most 20 follow-ups");
  return { line, shape: "mm-sy", image: row.image, item, followUps, ...provenanceOf(row) };
}

function provenanceOf(row: { source?: string; license?: string; attribution?: string }) {
  return {
    ...(row.source !== undefined ? { source: row.source } : {}),
    ...(row.license !== undefined ? { license: row.license } : {}),
    ...(row.attribution !== undefined ? { attribution: row.attribution } : {}),
  };
}
