// Answer normalisers: every way an annotator may write an answer of one answer type is reduced to
// one canonical string, so lints can compare "B", "(b) a cat" and "a cat" (all option B).
import { canonicalNumber, extractNumbers, parseNumber } from "./numbers";
import { containsPhrase, contentWords, maskPhrase, wordsOf } from "./text";
import type { AnswerTypeName } from "./types";

/** Options are labelled A, B, C… in order. */
export function optionLabel(index: number): string {
  return String.fromCharCode(65 + index);
}

export const MAX_OPTIONS = 26;

const YES_WORDS = new Set(["yes", "yeah", "yep", "yup", "true", "correct", "right", "affirmative", "indeed", "sure", "y"]);
const NO_WORDS = new Set(["no", "nope", "nah", "false", "incorrect", "wrong", "negative", "n"]);

/** "yes, it is" → yes; "No." → no; "none" → null (whole words only, so "no" inside "none" does not count). */
function normalizeYesNo(value: string): string | null {
  const first = wordsOf(value)[0];
  if (first === undefined) return null;
  if (YES_WORDS.has(first)) return "yes";
  if (NO_WORDS.has(first)) return "no";
  return null;
}

/** Case, punctuation, accents, articles and spacing do not matter: "The Llama." = "llama". */
function normalizeShortAnswer(value: string): string | null {
  const words = contentWords(value);
  return words.length === 0 ? null : words.join(" ");
}

const ANSWER_PREFIX = /^(?:(?:the\s+)?(?:correct\s+|right\s+)?answer\s*(?:is\s*)?:?\s*|it(?:'|’)s\s+|it\s+is\s+|option\s+|choice\s+)/i;
const LABELLED = /^\(?([A-Za-z])(?:[).:\]]|\s|$)\s*(.*)$/s;

function optionWords(options: string[]): string[] {
  return options.map((o) => contentWords(o).join(" "));
}

/**
 * "B", "b)", "(B) a cat", "B. a cat", "option B" and the option's own text "a cat" → "B".
 * A bare letter is always read as a label. A label followed by text must agree with that option's
 * text ("B. a dog" when B is "a cat" is contradictory → null); otherwise the whole text is matched
 * against the option texts, so "a cat" is option "a cat", not label A.
 */
function normalizeChoice(value: string, options: string[]): string | null {
  if (options.length === 0) return null;
  const texts = optionWords(options);
  let candidate = value.trim();
  for (let i = 0; i < 3 && ANSWER_PREFIX.test(candidate); i++) candidate = candidate.replace(ANSWER_PREFIX, "");
  if (candidate === "") return null;

  const labelled = LABELLED.exec(candidate);
  if (labelled) {
    const index = labelled[1].toUpperCase().charCodeAt(0) - 65;
    const rest = contentWords(labelled[2]).join(" ");
    if (index < options.length) {
      if (rest === "" || rest === texts[index]) return optionLabel(index);
    }
  }
  for (const source of [candidate, value]) {
    const words = contentWords(source).join(" ");
    if (words === "") continue;
    const index = texts.indexOf(words);
    if (index >= 0) return optionLabel(index);
  }
  return null;
}

/** The canonical form of an answer, or null when it cannot be read as an answer of this type. */
export function normalizeAnswer(answerType: AnswerTypeName, value: string, options: string[]): string | null {
  switch (answerType) {
    case "MULTIPLE_CHOICE":
      return normalizeChoice(value, options);
    case "YES_NO":
      return normalizeYesNo(value);
    case "NUMBER":
      return parseNumber(value);
    case "SHORT_ANSWER":
      return normalizeShortAnswer(value);
  }
}

/**
 * An answer as messages name it: a multiple-choice answer by its letter and its text ("B. cat"),
 * however it was written ("b", "cat", "(B) cat"); any other answer as written, trimmed.
 */
export function describeAnswer(answerType: AnswerTypeName, value: string, options: string[]): string {
  if (answerType !== "MULTIPLE_CHOICE") return value.trim();
  const label = normalizeChoice(value, options);
  if (label === null) return value.trim();
  const text = options[label.charCodeAt(0) - 65]?.trim() ?? "";
  return text === "" ? label : `${label}. ${text}`;
}

/** Both answers readable and the same once normalised. */
export function answersEqual(answerType: AnswerTypeName, a: string, b: string, options: string[]): boolean {
  const left = normalizeAnswer(answerType, a, options);
  return left !== null && left === normalizeAnswer(answerType, b, options);
}

/** How a wrong form of answer should be written, for messages. */
export function expectedAnswerForm(answerType: AnswerTypeName, options: string[]): string {
  switch (answerType) {
    case "MULTIPLE_CHOICE":
      return options.length > 0
        ? `an option letter (A–${optionLabel(Math.min(options.length, MAX_OPTIONS) - 1)}) or an option's exact text`
        : "an option letter, but the item has no options";
    case "YES_NO":
      return "yes or no";
    case "NUMBER":
      return 'a single number (e.g. "3" or "three")';
    case "SHORT_ANSWER":
      return "a short answer with at least one word";
  }
}

function labelMentioned(text: string, label: string): boolean {
  const l = label;
  return new RegExp(
    `\\b(?:option|choice|answer(?: is)?)\\s*\\(?${l}\\)?(?![\\p{L}\\p{N}])|\\(${l}\\)|(?:^|\\s)${l}[).:](?=\\s|$)`,
    "iu",
  ).test(text);
}

const MENTION_WORDS: Record<string, string[]> = {
  yes: ["yes", "yeah", "yep", "yup", "true", "correct", "right", "affirmative", "indeed"],
  no: ["no", "nope", "nah", "false", "incorrect", "wrong", "negative"],
};

function phraseFor(answerType: AnswerTypeName, canonical: string, options: string[]): string[] {
  if (answerType === "MULTIPLE_CHOICE") {
    const option = options[canonical.charCodeAt(0) - 65];
    return option === undefined ? [] : contentWords(option);
  }
  return canonical.split(" ");
}

/**
 * Whether free text (a sentence of a response, a user message) states each of two canonical answers.
 * When one answer's wording contains the other's ("dark red" / "red"), the longer one is masked out
 * before looking for the shorter, so "it is dark red" does not also count as saying "red".
 */
export function mentionsAnswers(
  answerType: AnswerTypeName,
  text: string,
  first: string,
  second: string,
  options: string[],
): [boolean, boolean] {
  if (answerType === "NUMBER") {
    const said = new Set(extractNumbers(text).map(canonicalNumber));
    return [said.has(first), said.has(second)];
  }
  const words = wordsOf(text);
  if (answerType === "YES_NO") {
    const has = (c: string) => (MENTION_WORDS[c] ?? []).some((w) => words.includes(w));
    return [has(first), has(second)];
  }
  const content = contentWords(text);
  const a = phraseFor(answerType, first, options);
  const b = phraseFor(answerType, second, options);
  const aHidesB = a.length > b.length && containsPhrase(a, b);
  const bHidesA = b.length > a.length && containsPhrase(b, a);
  let saysA = containsPhrase(bHidesA ? maskPhrase(content, b) : content, a);
  let saysB = containsPhrase(aHidesB ? maskPhrase(content, a) : content, b);
  if (answerType === "MULTIPLE_CHOICE") {
    saysA ||= labelMentioned(text, first);
    saysB ||= labelMentioned(text, second);
  }
  return [saysA, saysB];
}
