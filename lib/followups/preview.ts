// The sample as the export writes it, for the editor's live preview and the review screen: the same
// turns and the same prompt and response code as lib/export/record.ts (tested against it), in a
// browser-safe module.
import { questionPrompt, withOpinion } from "../export/prompt";
import { renderResponse } from "../projects/response-template";
import type { DraftFollowUp } from "./editor-draft";

export interface PreviewTurn {
  role: "user" | "assistant";
  /** The first user turn carries the image before its text. */
  image: boolean;
  text: string;
}

/**
 * Four turns (question, initial answer, follow-up, reply), or two for an in-first-turn follow-up
 * (the question with the user's opinion, then the reply).
 */
export function previewConversation(
  item: { question: string; options: string[] },
  followUp: Pick<DraftFollowUp, "initialAnswer" | "userMessage" | "verdict" | "evidence" | "response" | "finalAnswer" | "inFirstTurn">,
  responseTemplate: string,
): PreviewTurn[] {
  const question = questionPrompt(item.question, item.options);
  const reply: PreviewTurn = {
    role: "assistant",
    image: false,
    text: renderResponse(responseTemplate, {
      verdict: followUp.verdict,
      evidence: followUp.evidence,
      response: followUp.response,
      finalAnswer: followUp.finalAnswer,
    }),
  };
  if (followUp.inFirstTurn) return [{ role: "user", image: true, text: withOpinion(question, followUp.userMessage) }, reply];
  return [
    { role: "user", image: true, text: question },
    { role: "assistant", image: false, text: followUp.initialAnswer.trim() },
    { role: "user", image: false, text: followUp.userMessage.trim() },
    reply,
  ];
}
