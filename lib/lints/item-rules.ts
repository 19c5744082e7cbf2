// Item-level lints (question, options, ground truth, follow-up counts) plus every follow-up's lints.
import { followUpPlaces, followUpTitles } from "../followups/labels";
import { lintFollowUp } from "./followup-rules";
import { MAX_OPTIONS, normalizeAnswer } from "./normalize";
import { textSimilarity } from "./shingles";
import { contentWords } from "./text";
import type { LintFollowUp, LintIssue, LintItem, LintSettings } from "./types";
import { plural } from "../format";

/** Two follow-ups of one item whose user messages are this similar are probably copy-paste. */
export const SAME_ITEM_REUSE_THRESHOLD = 0.8;

export function lintItem(item: LintItem & { followUps: LintFollowUp[] }, settings?: LintSettings): LintIssue[] {
  const issues: LintIssue[] = [];
  const error = (rule: string, field: string, message: string) => issues.push({ rule, severity: "error", field, message });
  const warning = (rule: string, field: string, message: string) => issues.push({ rule, severity: "warning", field, message });

  if (item.question.trim() === "") error("item.question-required", "question", "The question is required.");
  if (settings?.allowedAnswerTypes && !settings.allowedAnswerTypes.includes(item.answerType)) {
    error("item.answer-type-not-allowed", "answerType", `The answer type ${item.answerType} is not allowed in this project (allowed: ${settings.allowedAnswerTypes.join(", ")}).`);
  }

  if (item.answerType === "MULTIPLE_CHOICE") lintOptions(item.options, error);
  else if (item.options.some((o) => o.trim() !== "")) {
    warning("item.options-unused", "options", `Options are only used by multiple-choice items; they are ignored for ${item.answerType}.`);
  }

  const truth = item.groundTruth.trim();
  if (truth === "") error("item.ground-truth-required", "groundTruth", "The ground truth is required.");
  else if (normalizeAnswer(item.answerType, truth, item.options) === null) {
    const [rule, message] = {
      MULTIPLE_CHOICE: ["item.ground-truth-not-option", `The ground truth "${truth}" is not one of the options (give its letter or its exact text).`],
      YES_NO: ["item.ground-truth-not-yes-no", `The ground truth "${truth}" must be yes or no.`],
      NUMBER: ["item.ground-truth-not-number", `The ground truth "${truth}" must be a single number.`],
      SHORT_ANSWER: ["item.ground-truth-unparseable", `The ground truth "${truth}" has no words left once articles and punctuation are removed.`],
    }[item.answerType];
    error(rule, "groundTruth", message);
  }

  if (settings) {
    for (const kind of ["MISLEADING", "CORRECTIVE"] as const) {
      const required = kind === "MISLEADING" ? settings.misleadingPerItem : settings.correctivePerItem;
      const have = item.followUps.filter((f) => f.kind === kind).length;
      const name = kind.toLowerCase();
      if (have < required) error(`item.too-few-${name}`, "followUps", `The project needs ${plural(required, `${name} follow-up`)} per item; this item has ${have}.`);
      else if (have > required) warning(`item.extra-${name}`, "followUps", `The project asks for ${plural(required, `${name} follow-up`)} per item; this item has ${have}.`);
    }
  }

  const places = followUpPlaces(item.followUps);
  const titles = followUpTitles(item.followUps);
  item.followUps.forEach((followUp, index) => {
    for (let earlier = 0; earlier < index; earlier++) {
      const a = item.followUps[earlier].userMessage;
      if (a.trim() !== "" && followUp.userMessage.trim() !== "" && textSimilarity(a, followUp.userMessage) >= SAME_ITEM_REUSE_THRESHOLD) {
        issues.push({
          rule: "item.follow-up-text-repeated",
          severity: "warning",
          field: "userMessage",
          followUpIndex: index,
          message: `${titles[index]}: the user message is nearly identical to that of ${titles[earlier].toLowerCase()}; vary the wording.`,
        });
        break;
      }
    }
    issues.push(...lintFollowUp(item, followUp, index, places[index]));
  });
  return issues;
}

function lintOptions(options: string[], error: (rule: string, field: string, message: string) => void) {
  const blank = options.findIndex((o) => o.trim() === "");
  if (blank >= 0) error("item.option-blank", "options", `Option ${String.fromCharCode(65 + Math.min(blank, 25))} is empty.`);
  if (options.length > MAX_OPTIONS) error("item.options-too-many", "options", `A multiple-choice item has at most ${MAX_OPTIONS} options (A–Z); it has ${options.length}.`);
  const folded = options.map((o) => contentWords(o).join(" ")).filter((o) => o !== "");
  const distinct = new Set(folded);
  if (distinct.size < 2) error("item.options-too-few", "options", `A multiple-choice item needs at least 2 distinct options; it has ${distinct.size}.`);
  if (distinct.size < folded.length) error("item.options-duplicate", "options", "Two options have the same text (ignoring case, punctuation and articles).");
}
