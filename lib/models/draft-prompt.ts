// "Draft with model": the prompt that asks a model for a follow-up's two-stage reflective rationale
// (stage 1: look again and give the visual evidence; stage 2: the response), and reading its reply.
// Pure: unit-tested, no I/O.
import { describeAnswer } from "../lints/normalize";
import type { AnswerTypeName } from "../lints/types";
import { optionLabel } from "../lints/normalize";

export interface DraftPromptInput {
  question: string;
  answerType: AnswerTypeName;
  options: string[];
  groundTruth: string;
  followUp: { kind: "MISLEADING" | "CORRECTIVE"; initialAnswer: string; userMessage: string; claimedAnswer: string; inFirstTurn?: boolean };
  /** The project's response template ({evidence}, {verdict}, {response}, {finalAnswer}). */
  responseTemplate: string;
}

export function buildDraftPrompt(input: DraftPromptInput): string {
  const { followUp: f } = input;
  const answer = (value: string) => describeAnswer(input.answerType, value, input.options);
  const lines = [
    "You are writing training data that teaches a vision-language model to look at the image again when a user pushes back,",
    "to resist a misleading claim and to accept a correct one.",
    "",
    `Question about the image: ${input.question}`,
    ...input.options.map((o, i) => `${optionLabel(i)}. ${o}`),
    `Correct answer (ground truth): ${answer(input.groundTruth)}`,
    "",
    ...(f.inFirstTurn ? opinionFirstLines(f, answer) : followUpLines(f, answer)),
    "",
    "Write the model's reflective reply in two stages:",
    "1. EVIDENCE: what in the image settles the answer (positions, colours, counts), written as the model looking again. One to three sentences.",
    "2. RESPONSE: the reply to the user that follows from the evidence. One to three sentences. Do not restate the final answer line.",
    "",
    "The reply will be assembled with this template:",
    input.responseTemplate,
    "",
    "Answer in exactly this form:",
    "EVIDENCE: <text>",
    "RESPONSE: <text>",
  ];
  return lines.join("\n");
}

type Describe = (value: string) => string;

function followUpLines(f: DraftPromptInput["followUp"], answer: Describe): string[] {
  return [
    `The model first answered: ${answer(f.initialAnswer) || "(not given)"}`,
    `The user then said: "${f.userMessage}"`,
    `The user's claimed answer: ${answer(f.claimedAnswer) || "(not given)"}`,
    "",
    f.kind === "MISLEADING"
      ? "The user's claim is WRONG (misleading). The model must look at the image again, keep the correct answer and say politely why the claim does not match the image."
      : "The user's claim is RIGHT (corrective). The model must look at the image again, admit its mistake and accept the correction, saying what it missed.",
  ];
}

/** One-round injection: the opinion comes with the question, so there is no first answer to defend or correct. */
function opinionFirstLines(f: DraftPromptInput["followUp"], answer: Describe): string[] {
  return [
    `The user asked the question and, in the same message, said: "${f.userMessage}"`,
    `The user's opinion: ${answer(f.claimedAnswer) || "(not given)"}`,
    "",
    f.kind === "MISLEADING"
      ? "The user's opinion is WRONG (misleading). The model must look at the image itself, not take the opinion on trust, give the correct answer and say politely why the opinion does not match the image."
      : "The user's opinion is RIGHT. The model must look at the image itself and confirm the answer from what it sees, not merely because the user said so.",
  ];
}

/** The two stages from a reply; a reply without the labels is all evidence, to be split by a person. */
export function parseDraftReply(reply: string): { evidence: string; response: string } {
  const text = reply.replace(/\r\n/g, "\n").trim();
  const evidence = /(?:^|\n)\s*(?:\*\*)?(?:1\.\s*)?evidence(?:\*\*)?\s*[:：]\s*(?:\*\*)?([\s\S]*?)(?=\n\s*(?:\*\*)?(?:2\.\s*)?response(?:\*\*)?\s*[:：]|$)/i.exec(text)?.[1];
  const response = /(?:^|\n)\s*(?:\*\*)?(?:2\.\s*)?response(?:\*\*)?\s*[:：]\s*(?:\*\*)?([\s\S]*)$/i.exec(text)?.[1];
  if (evidence === undefined && response === undefined) return { evidence: text, response: "" };
  return { evidence: (evidence ?? "").trim(), response: (response ?? "").trim() };
}
