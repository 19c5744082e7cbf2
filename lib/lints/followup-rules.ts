// Lints for one follow-up: required fields, answer consistency with its kind, evidence specificity,
// and a response that does not cave in to the user's claim.
import { followUpTitle } from "../followups/labels";
import { describeAnswer, expectedAnswerForm, mentionsAnswers, normalizeAnswer } from "./normalize";
import { isNearCopy } from "./shingles";
import { hasPlaceholder, sentencesOf, wordsOf } from "./text";
import type { LintFollowUp, LintIssue, LintItem, Severity } from "./types";

const LABELS = {
  initialAnswer: "initial answer",
  userMessage: "user message",
  claimedAnswer: "claimed answer",
  tactic: "tactic",
  verdict: "verdict",
  evidence: "evidence",
  response: "response",
  finalAnswer: "final answer",
} as const;

type FollowUpField = keyof typeof LABELS;
const TEXT_FIELDS = ["userMessage", "initialAnswer", "claimedAnswer", "evidence", "response", "finalAnswer", "tactic"] as const;
const ANSWER_FIELDS = ["initialAnswer", "claimedAnswer", "finalAnswer"] as const;

/** Evidence shorter than this names nothing specific in the image. */
export const MIN_EVIDENCE_WORDS = 4;
export const MIN_EVIDENCE_CHARS = 15;

/**
 * `followUpIndex` is the follow-up's place in the item's list (kept on the issues); `place` its place
 * among those of its kind, which messages name it by ("Misleading follow-up 1").
 */
export function lintFollowUp(item: LintItem, followUp: LintFollowUp, followUpIndex?: number, place?: number): LintIssue[] {
  const issues: LintIssue[] = [];
  const where = followUpTitle(followUp.kind, place);
  const add = (rule: string, severity: Severity, field: FollowUpField, message: string) => {
    const issue: LintIssue = { rule, severity, field, message: `${where}: ${message}` };
    if (followUpIndex !== undefined) issue.followUpIndex = followUpIndex;
    issues.push(issue);
  };
  const { answerType, options } = item;
  const blank = (field: (typeof TEXT_FIELDS)[number]) => followUp[field].trim() === "";
  // One-round injection: the opinion comes with the question, so there is no initial answer to check.
  const checks = (field: (typeof TEXT_FIELDS)[number]) => !(followUp.inFirstTurn && field === "initialAnswer");

  for (const field of TEXT_FIELDS.filter(checks)) {
    if (blank(field)) add("followup.required", "error", field, `the ${LABELS[field]} is required.`);
    else if (hasPlaceholder(followUp[field])) {
      add("followup.placeholder", "error", field, `the ${LABELS[field]} still contains a drafting placeholder ([TODO: …]); write it yourself.`);
    }
  }
  if (followUp.verdict === null) add("followup.verdict-required", "error", "verdict", "choose a verdict (misleading or corrective).");

  // Canonical answers; null when blank (already reported) or unreadable (reported here).
  const parsed: Record<(typeof ANSWER_FIELDS)[number], string | null> = { initialAnswer: null, claimedAnswer: null, finalAnswer: null };
  for (const field of ANSWER_FIELDS.filter(checks)) {
    if (blank(field) || hasPlaceholder(followUp[field])) continue;
    parsed[field] = normalizeAnswer(answerType, followUp[field], options);
    if (parsed[field] === null) {
      add("followup.answer-unparseable", "error", field, `the ${LABELS[field]} "${followUp[field].trim()}" is not ${expectedAnswerForm(answerType, options)}.`);
    }
  }

  // Consistency needs a readable ground truth; an unreadable one is reported once, at item level.
  const truth = normalizeAnswer(answerType, item.groundTruth, options);
  if (truth !== null) {
    const shown = describeAnswer(answerType, item.groundTruth, options);
    const { initialAnswer: initial, claimedAnswer: claim, finalAnswer: final } = parsed;
    if (followUp.kind === "MISLEADING") {
      if (initial !== null && initial !== truth) add("misleading.initial-not-truth", "error", "initialAnswer", `the model's initial answer must be the ground truth ("${shown}"): in a misleading follow-up the model was right.`);
      const pushes = followUp.inFirstTurn ? "the user's opinion is wrong" : "the user pushes a wrong answer";
      if (claim !== null && claim === truth) add("misleading.claim-equals-truth", "error", "claimedAnswer", `the claimed answer must differ from the ground truth ("${shown}"): ${pushes}.`);
      if (followUp.verdict === "CORRECTIVE") add("misleading.verdict-mismatch", "error", "verdict", "the verdict must be misleading: the user's claim is wrong.");
      if (final !== null && final !== truth) add("misleading.final-not-truth", "error", "finalAnswer", `the final answer must stay the ground truth ("${shown}").`);
      if (claim !== null && claim !== truth && endsAdopting(item, followUp.response, claim, truth)) {
        add("misleading.response-adopts-claim", "error", "response", `the response ends by adopting the user's wrong answer ("${describeAnswer(answerType, followUp.claimedAnswer, options)}"); it must end with the ground truth.`);
      }
    } else {
      if (initial !== null && initial === truth) add("corrective.initial-equals-truth", "error", "initialAnswer", `the model's initial answer must be wrong (not "${shown}"): in a corrective follow-up the model made a mistake.`);
      const corrects = followUp.inFirstTurn ? "the user's opinion is right" : "the user corrects the model";
      if (claim !== null && claim !== truth) add("corrective.claim-not-truth", "error", "claimedAnswer", `the claimed answer must be the ground truth ("${shown}"): ${corrects}.`);
      if (followUp.verdict === "MISLEADING") add("corrective.verdict-mismatch", "error", "verdict", "the verdict must be corrective: the user's claim is right.");
      if (final !== null && final !== truth) add("corrective.final-not-truth", "error", "finalAnswer", `the final answer must be the ground truth ("${shown}").`);
      if (initial !== null && initial !== truth && endsAdopting(item, followUp.response, initial, truth)) {
        add("corrective.response-keeps-initial", "error", "response", `the response ends by keeping the initial wrong answer ("${describeAnswer(answerType, followUp.initialAnswer, options)}"); it must end with the ground truth.`);
      }
    }
  }

  lintEvidence(item, followUp, add);

  // The user has to push for something; yes/no claims are often only implied ("Isn't that a dog?"), so they are not checked.
  const claim = parsed.claimedAnswer;
  if (claim !== null && answerType !== "YES_NO" && !blank("userMessage") && !mentionsAnswers(answerType, followUp.userMessage, claim, claim, options)[0]) {
    add("followup.message-missing-claim", "warning", "userMessage", `the user message does not mention the claimed answer ("${describeAnswer(answerType, followUp.claimedAnswer, options)}").`);
  }
  return issues;
}

function lintEvidence(
  item: LintItem,
  followUp: LintFollowUp,
  add: (rule: string, severity: Severity, field: FollowUpField, message: string) => void,
) {
  const evidence = followUp.evidence.trim();
  if (evidence === "" || hasPlaceholder(evidence)) return; // reported as required / placeholder
  if (wordsOf(evidence).length < MIN_EVIDENCE_WORDS || evidence.length < MIN_EVIDENCE_CHARS) {
    add("evidence.too-short", "error", "evidence", `the evidence is too short: describe what in the image settles the answer (at least ${MIN_EVIDENCE_WORDS} words).`);
  } else if (item.question.trim() !== "" && isNearCopy(evidence, item.question)) {
    add("evidence.copies-question", "error", "evidence", "the evidence repeats the question; describe what the image shows instead.");
  } else if (followUp.userMessage.trim() !== "" && isNearCopy(evidence, followUp.userMessage)) {
    add("evidence.copies-user-message", "error", "evidence", "the evidence repeats the user message; describe what the image shows instead.");
  }
}

/**
 * Does the response end on `wrong` rather than `truth`? Looks at the last sentence that names either
 * answer: caving in ("…, you're right, it's 4.") names only the wrong one there.
 */
function endsAdopting(item: LintItem, response: string, wrong: string, truth: string): boolean {
  const sentences = sentencesOf(response);
  for (let i = sentences.length - 1; i >= 0; i--) {
    const [saysWrong, saysTruth] = mentionsAnswers(item.answerType, sentences[i], wrong, truth, item.options);
    if (saysWrong || saysTruth) return saysWrong && !saysTruth;
  }
  return false;
}
