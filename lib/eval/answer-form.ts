// How the plain evaluation question asks to be answered, per answer type: its last line. The one-round
// request has none (it is the export's first turn, and a model trained on the export never saw one).
import type { AnswerTypeName } from "../lints/types";

export const ANSWER_FORM: Readonly<Record<AnswerTypeName, string>> = {
  MULTIPLE_CHOICE: "Answer with the letter of the correct option.",
  YES_NO: "Answer yes or no.",
  NUMBER: "Answer with a single number.",
  SHORT_ANSWER: "Answer with a word or short phrase.",
};

export const ANSWER_LINES: ReadonlySet<string> = new Set(Object.values(ANSWER_FORM));

/** The text's last paragraph is the plain question's answer-form line. */
export const endsWithAnswerForm = (text: string): boolean => ANSWER_LINES.has(text.split(/\n\s*\n/).at(-1)!.trim());
