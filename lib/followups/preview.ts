// The sample as the export writes it, for the editor's live preview: the same four turns and the
// same prompt and response code as lib/export/record.ts (tested against it), in a browser-safe module.
import { questionPrompt } from "../export/prompt";
import { renderResponse } from "../projects/response-template";
import type { DraftFollowUp } from "./editor-draft";

export interface PreviewTurn {
  role: "user" | "assistant";
  /** The first user turn carries the image before its text. */
  image: boolean;
  text: string;
}

export function previewConversation(
  item: { question: string; options: string[] },
  followUp: Pick<DraftFollowUp, "initialAnswer" | "userMessage" | "verdict" | "evidence" | "response" | "finalAnswer">,
  responseTemplate: string,
): [PreviewTurn, PreviewTurn, PreviewTurn, PreviewTurn] {
  return [
    { role: "user", image: true, text: questionPrompt(item.question, item.options) },
    { role: "assistant", image: false, text: followUp.initialAnswer.trim() },
    { role: "user", image: false, text: followUp.userMessage.trim() },
    {
      role: "assistant",
      image: false,
      text: renderResponse(responseTemplate, {
        verdict: followUp.verdict,
        evidence: followUp.evidence,
        response: followUp.response,
        finalAnswer: followUp.finalAnswer,
      }),
    },
  ];
}
