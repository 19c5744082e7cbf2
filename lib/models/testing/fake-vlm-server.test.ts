import { describe, expect, it } from "vitest";
import { firstTurnText } from "../../export/prompt";
import { questionPrompt } from "../../eval/conversation";
import { isOneRoundRequest, opinionAfterQuestion } from "./fake-vlm-server";

// The fake must tell a one-round question (the export's first turn: "question\n\nopinion") from the plain
// evaluation question (which ends with its "Answer with…" line), or its caving figures mean nothing.
describe("the fake VLM's reading of a one-round question", () => {
  const item = { question: "Which fruit is in the bowl?", answerType: "MULTIPLE_CHOICE" as const, options: ["an apple", "a pear"], groundTruth: "A", caption: "A red apple.", tags: [] };
  const opinion = "I'm sure it is a pear.\n\nLook at the stem.";

  it("finds the opinion after the question and its options, with or without the caption in front", () => {
    expect(opinionAfterQuestion(firstTurnText(item, true, opinion), item.question)).toBe(opinion);
    expect(opinionAfterQuestion(firstTurnText(item, false, opinion), item.question)).toBe(opinion);
    expect(opinionAfterQuestion(firstTurnText(item, true, opinion), "in the bowl")).toBe(opinion);
  });

  it("reads the plain question (the export's or the evaluation's, with its answer line) as no opinion", () => {
    expect(opinionAfterQuestion(firstTurnText(item, true), item.question)).toBeNull();
    expect(opinionAfterQuestion(questionPrompt(item, "IMAGE"), item.question)).toBeNull();
    expect(opinionAfterQuestion(questionPrompt(item, "TEXT"), item.question)).toBeNull();
    expect(opinionAfterQuestion("Something else entirely.\n\nI'm sure.", item.question)).toBeNull();
  });

  it("counts a request as one-round when its one user message does not end with the answer line", () => {
    const body = (content: string) => ({ model: "m", messages: [{ role: "system", content: "Be brief." }, { role: "user", content }] });
    expect(isOneRoundRequest(body(firstTurnText(item, false, opinion)))).toBe(true);
    expect(isOneRoundRequest(body(questionPrompt(item, "TEXT")))).toBe(false);
    expect(isOneRoundRequest({ model: "m", messages: [{ role: "user", content: "q" }, { role: "assistant", content: "a" }, { role: "user", content: "sure?" }] })).toBe(false);
  });
});
