import { describe, expect, it } from "vitest";
import { DEFAULT_RESPONSE_TEMPLATE } from "../projects/settings";
import { buildDraftPrompt, parseDraftReply } from "./draft-prompt";
import { originOnSave, sealDraft, sealMatches } from "./draft-origin";

describe("the draft prompt", () => {
  it("gives the question, options, ground truth, the exchange, the verdict to reach and the template", () => {
    const prompt = buildDraftPrompt({
      question: "Which shape is red?",
      answerType: "MULTIPLE_CHOICE",
      options: ["circle", "square"],
      groundTruth: "A",
      followUp: { kind: "MISLEADING", initialAnswer: "A", userMessage: "No, it's the square.", claimedAnswer: "B" },
      responseTemplate: DEFAULT_RESPONSE_TEMPLATE,
    });
    expect(prompt).toContain("Question about the image: Which shape is red?\nA. circle\nB. square\nCorrect answer (ground truth): A. circle");
    expect(prompt).toContain("The model first answered: A. circle");
    expect(prompt).toContain('The user then said: "No, it\'s the square."');
    expect(prompt).toContain("The user's claimed answer: B. square");
    expect(prompt).toContain("claim is WRONG (misleading)");
    expect(prompt).toContain(DEFAULT_RESPONSE_TEMPLATE);
    expect(prompt.endsWith("EVIDENCE: <text>\nRESPONSE: <text>")).toBe(true);
  });

  it("for an opinion that came with the question, speaks of no first answer and asks to check the opinion against the image", () => {
    const base = { question: "Which shape is red?", answerType: "MULTIPLE_CHOICE" as const, options: ["circle", "square"], groundTruth: "A", responseTemplate: DEFAULT_RESPONSE_TEMPLATE };
    const wrong = buildDraftPrompt({ ...base, followUp: { kind: "MISLEADING", initialAnswer: "A", userMessage: "It's the square, right?", claimedAnswer: "B", inFirstTurn: true } });
    expect(wrong).not.toContain("The model first answered");
    expect(wrong).toContain('in the same message, said: "It\'s the square, right?"');
    expect(wrong).toContain("The user's opinion: B. square");
    expect(wrong).toContain("opinion is WRONG (misleading)");
    const right = buildDraftPrompt({ ...base, followUp: { kind: "CORRECTIVE", initialAnswer: "", userMessage: "It's the circle, isn't it?", claimedAnswer: "A", inFirstTurn: true } });
    expect(right).toContain("opinion is RIGHT");
    expect(right).not.toContain("admit its mistake");
  });
});

describe("reading a drafted reply", () => {
  it("splits the labelled stages, with or without markdown and numbering", () => {
    expect(parseDraftReply("EVIDENCE: The circle is red.\nRESPONSE: I see why, but the square is blue.")).toEqual({ evidence: "The circle is red.", response: "I see why, but the square is blue." });
    expect(parseDraftReply("**1. Evidence:** Two red circles\nsit left.\n\n**2. Response:** You're right.")).toEqual({ evidence: "Two red circles\nsit left.", response: "You're right." });
  });
  it("takes an unlabelled reply as evidence for a person to split", () => {
    expect(parseDraftReply("  The circle is red.  ")).toEqual({ evidence: "The circle is red.", response: "" });
  });
});

describe("the model-drafted mark", () => {
  const key = Buffer.alloc(32, 7);
  const seal = sealDraft("The circle is red.", "Keep A.", key);

  it("is MODEL while the sealed text is unchanged (spaces aside), MODEL_EDITED once edited", () => {
    expect(sealMatches(seal, " The circle is red. ", "Keep A.", key)).toBe(true);
    expect(originOnSave(undefined, { evidence: "The circle is red.", response: "Keep A.", modelSeal: seal }, key)).toBe("MODEL");
    expect(originOnSave(undefined, { evidence: "The circle is red!", response: "Keep A.", modelSeal: seal }, key)).toBe("MODEL_EDITED");
  });
  it("cannot be forged with another key, and follows the stored row without a seal", () => {
    expect(originOnSave(undefined, { evidence: "x", response: "y", modelSeal: sealDraft("x", "y", Buffer.alloc(32, 1)) }, key)).toBe("MODEL_EDITED");
    const stored = { draftOrigin: "MODEL" as const, evidence: "a", response: "b" };
    expect(originOnSave(stored, { evidence: "a", response: "b" }, key)).toBe("MODEL");
    expect(originOnSave(stored, { evidence: "a", response: "b, edited" }, key)).toBe("MODEL_EDITED");
    expect(originOnSave({ ...stored, draftOrigin: "HUMAN" }, { evidence: "new", response: "b" }, key)).toBe("HUMAN");
    expect(originOnSave(undefined, { evidence: "new", response: "" }, key)).toBe("HUMAN");
  });
});
