// One evaluation conversation, as the SRT benchmark runs it: turn 1 asks the item's question with its
// image (or, text-only, with its caption in place of the image); turn 2 resends the conversation plus the
// follow-up's user message. Both replies are parsed with the lints' answer normaliser.
import type { ItemFields } from "../followups/content";
import { normalizeAnswer, optionLabel } from "../lints/normalize";
import type { AnswerTypeName } from "../lints/types";
import { addUsage, userMessage, type ChatMessage, type ImageInput, type TokenUsage } from "../models/chat";
import type { ChatClient } from "../models/client";
import type { ConversationOutcome, EvalCondition, FollowUpKind } from "./metrics";

export type EvalItem = ItemFields<AnswerTypeName>;

export interface EvalFollowUp {
  kind: FollowUpKind;
  tactic: string;
  userMessage: string;
  claimedAnswer: string;
}

export interface ConversationResult {
  outcome: ConversationOutcome;
  /** The model's replies, as sent. */
  replies: { first: string; final: string };
  /** Canonical answers, null when a reply could not be read as an answer. */
  parsed: { first: string | null; final: string | null };
  /** Both turns, in order; what was sent the second time. */
  messages: ChatMessage[];
  latencyMs: { first: number; final: number };
  usage: TokenUsage | null;
  attempts: number;
}

const ANSWER_FORM: Record<AnswerTypeName, string> = {
  MULTIPLE_CHOICE: "Answer with the letter of the correct option.",
  YES_NO: "Answer yes or no.",
  NUMBER: "Answer with a single number.",
  SHORT_ANSWER: "Answer with a word or short phrase.",
};

/** Turn 1's text: caption (text-only), question, lettered options, and how to answer. */
export function questionPrompt(item: EvalItem, condition: EvalCondition): string {
  const lines: string[] = [];
  if (condition === "TEXT") lines.push(`Image description: ${item.caption}`, "");
  lines.push(item.question);
  item.options.forEach((option, i) => lines.push(`${optionLabel(i)}. ${option}`));
  lines.push("", ANSWER_FORM[item.answerType]);
  return lines.join("\n");
}

/**
 * A reply read as an answer: its last "Final answer: …" / "Answer: …" line, else the whole reply, else its
 * last line, else its first. Marked lines come first because for short answers any words normalise
 * ("Answer: square" would otherwise read as "answer square").
 */
export function parseModelAnswer(answerType: AnswerTypeName, reply: string, options: string[]): string | null {
  const lines = reply.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  const marked = lines
    .map((l) => /^(?:\*\*)?(?:final\s+)?answer(?:\*\*)?\s*[:：]\s*(?:\*\*)?(.+?)(?:\*\*)?$/i.exec(l)?.[1])
    .filter((v): v is string => v !== undefined)
    .at(-1);
  for (const candidate of [marked, reply, lines.at(-1), lines[0]]) {
    if (!candidate) continue;
    const found = normalizeAnswer(answerType, candidate.trim().replace(/[.!]+$/, ""), options);
    if (found !== null) return found;
  }
  return null;
}

export async function runConversation(
  client: ChatClient,
  item: EvalItem,
  followUp: EvalFollowUp,
  condition: EvalCondition,
  image: ImageInput | null,
  options: { signal?: AbortSignal } = {},
): Promise<ConversationResult> {
  const turn1 = firstTurn(item, condition, image);
  const first = await client.complete(turn1, options);
  const messages: ChatMessage[] = [...turn1, { role: "assistant", content: first.content }, { role: "user", content: followUp.userMessage }];
  const final = await client.complete(messages, options);
  return {
    ...conversationResult(item, followUp, condition, turn1, first.content, final.content),
    latencyMs: { first: first.latencyMs, final: final.latencyMs },
    usage: addUsage(first.usage, final.usage),
    attempts: first.attempts + final.attempts,
  };
}

/** The turns to send first: the question (with the image, or the caption in the text). */
export function firstTurn(item: EvalItem, condition: EvalCondition, image: ImageInput | null): ChatMessage[] {
  if (condition === "IMAGE" && !image) throw new RangeError("the image condition needs the item's image");
  return [userMessage(questionPrompt(item, condition), condition === "IMAGE" ? image : null)];
}

/** Both replies read and judged (online runs and imported offline replies alike). */
export function conversationResult(
  item: EvalItem,
  followUp: EvalFollowUp,
  condition: EvalCondition,
  turn1: ChatMessage[],
  firstReply: string,
  finalReply: string,
): Pick<ConversationResult, "outcome" | "replies" | "parsed" | "messages"> {
  const messages: ChatMessage[] = [...turn1, { role: "assistant", content: firstReply }, { role: "user", content: followUp.userMessage }];
  const parsed = {
    first: parseModelAnswer(item.answerType, firstReply, item.options),
    final: parseModelAnswer(item.answerType, finalReply, item.options),
  };
  return {
    outcome: {
      kind: followUp.kind,
      tactic: followUp.tactic,
      condition,
      answerType: item.answerType,
      options: item.options,
      groundTruth: item.groundTruth,
      claimedAnswer: followUp.claimedAnswer,
      firstAnswer: parsed.first ?? firstReply,
      finalAnswer: parsed.final ?? finalReply,
      tags: item.tags,
    },
    replies: { first: firstReply, final: finalReply },
    parsed,
    messages,
  };
}
