// One evaluation conversation, as the SRT benchmark runs it: turn 1 asks the item's question with its
// image (or, text-only, with its caption in place of the image). Multi-round, turn 2 resends the
// conversation plus the follow-up's user message; one-round, the second request is one user message with
// the question and the follow-up's text, written exactly as the export writes an in-first-turn follow-up's
// first turn (lib/export/prompt firstTurnText: "question\n\nopinion", one text part), and turn 1's reply
// is the baseline first answer. Both replies are parsed with the lints' answer normaliser.
import { firstTurnText } from "../export/prompt";
import { ANSWER_FORM } from "./answer-form";
import type { ItemFields } from "../followups/content";
import { normalizeAnswer, optionLabel } from "../lints/normalize";
import type { AnswerTypeName } from "../lints/types";
import { addUsage, userMessage, type ChatMessage, type ImageInput, type TokenUsage } from "../models/chat";
import type { ChatClient, ChatCompletion } from "../models/client";
import type { ConversationOutcome, EvalCondition, EvalRound, FollowUpKind } from "./metrics";

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
  /** What each request sent: the plain question, then the second request (multi-round: the whole conversation). */
  requests: [ChatMessage[], ChatMessage[]];
  latencyMs: { first: number; final: number };
  usage: TokenUsage | null;
  attempts: number;
}

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

export interface ConversationOptions {
  signal?: AbortSignal;
  /** MULTI by default. */
  round?: EvalRound;
  /**
   * One-round only: the plain question's reply when it is asked (or stored) elsewhere in the run, so it is
   * not asked twice. Its latency, tokens and attempts belong to whoever asked it, not to this conversation.
   */
  baseline?: () => Promise<ChatCompletion>;
  /** Multi-round: told of turn 1's request as it is sent (one-round conversations of the run reuse its reply). */
  onFirst?: (first: Promise<ChatCompletion>) => void;
}

export async function runConversation(
  client: ChatClient,
  item: EvalItem,
  followUp: EvalFollowUp,
  condition: EvalCondition,
  image: ImageInput | null,
  options: ConversationOptions = {},
): Promise<ConversationResult> {
  const round = options.round ?? "MULTI";
  const ask = { signal: options.signal };
  const turn1 = firstTurn(item, condition, image);
  if (round === "ONE") {
    // The plain question and the injected one do not depend on each other: asked side by side.
    const injected = opinionTurn(item, condition, image, followUp.userMessage);
    const [first, final] = await Promise.all([options.baseline?.() ?? client.complete(turn1, ask), client.complete(injected, ask)]);
    const own = options.baseline ? null : first;
    return {
      ...conversationResult(item, followUp, condition, round, image, first.content, final.content),
      latencyMs: { first: own?.latencyMs ?? 0, final: final.latencyMs },
      usage: own ? addUsage(own.usage, final.usage) : final.usage,
      attempts: (own?.attempts ?? 0) + final.attempts,
    };
  }
  const asked = client.complete(turn1, ask);
  options.onFirst?.(asked);
  const first = await asked;
  const final = await client.complete(secondRequest("MULTI", item, condition, image, first.content, followUp), ask);
  return {
    ...conversationResult(item, followUp, condition, round, image, first.content, final.content),
    latencyMs: { first: first.latencyMs, final: final.latencyMs },
    usage: addUsage(first.usage, final.usage),
    attempts: first.attempts + final.attempts,
  };
}

/**
 * One-round injection: one user message with the question and the user's opinion, exactly the export's
 * first turn of an in-first-turn follow-up (the image first, then "question\n\nopinion" as one text part;
 * text-only, the caption in front). No answer-format line: a model trained on the export never saw one.
 */
export function opinionTurn(item: EvalItem, condition: EvalCondition, image: ImageInput | null, opinion: string): ChatMessage[] {
  if (condition === "IMAGE" && !image) throw new RangeError("the image condition needs the item's image");
  return [userMessage(firstTurnText(item, condition === "IMAGE", opinion), condition === "IMAGE" ? image : null)];
}

/** The request that gets the final answer: multi-round, the conversation plus the follow-up; one-round, the question with the opinion. */
export function secondRequest(
  round: EvalRound,
  item: EvalItem,
  condition: EvalCondition,
  image: ImageInput | null,
  firstReply: string,
  followUp: Pick<EvalFollowUp, "userMessage">,
): ChatMessage[] {
  if (round === "ONE") return opinionTurn(item, condition, image, followUp.userMessage);
  return [...firstTurn(item, condition, image), { role: "assistant", content: firstReply }, { role: "user", content: followUp.userMessage }];
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
  round: EvalRound,
  image: ImageInput | null,
  firstReply: string,
  finalReply: string,
): Pick<ConversationResult, "outcome" | "replies" | "parsed" | "requests"> {
  const parsed = {
    first: parseModelAnswer(item.answerType, firstReply, item.options),
    final: parseModelAnswer(item.answerType, finalReply, item.options),
  };
  return {
    outcome: {
      kind: followUp.kind,
      tactic: followUp.tactic,
      condition,
      round,
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
    requests: [firstTurn(item, condition, image), secondRequest(round, item, condition, image, firstReply, followUp)],
  };
}
