// The text the model is shown in the first turn, shared by every format so they stay comparable.
import { imageExtension } from "../images/format";

/** Options are labelled A, B, C… in order (as in the editor and the lints). */
export function optionLabel(index: number): string {
  return String.fromCharCode(65 + index);
}

/** The question, followed for multiple choice by one "A. option" line per option. */
export function questionPrompt(question: string, options: readonly string[]): string {
  const lines = [question.trim()];
  options.forEach((option, i) => lines.push(`${optionLabel(i)}. ${option.trim()}`));
  return lines.join("\n");
}

/**
 * One-round injection: the user's opinion comes with the question, after it, in the same user turn.
 * The one way to write that turn (the export, the editor's preview, the one-round evaluation).
 */
export function withOpinion(prompt: string, opinion: string): string {
  return `${prompt}\n\n${opinion.trim()}`;
}

/** The text-only variant: the caption stands in for the image. */
export function captionPrompt(caption: string, prompt: string): string {
  return `Image description: ${caption.trim()}\n\n${prompt}`;
}

/**
 * The first user turn's text: the question with its options, the user's opinion after it when given
 * (one-round injection), and in front, when there is no image, the caption. The export's first turn
 * and the one-round evaluation request both write it, so a model trained on the export is asked
 * exactly what it was trained on.
 */
export function firstTurnText(item: { question: string; options: readonly string[]; caption: string }, withImage: boolean, opinion?: string): string {
  const question = questionPrompt(item.question, item.options);
  const prompt = opinion === undefined ? question : withOpinion(question, opinion);
  return withImage ? prompt : captionPrompt(item.caption, prompt);
}

/** Where an image lives inside an export folder: content-addressed, so each file is written once. */
export function imagePath(sha256: string, mime: string): string {
  return `images/${sha256}.${imageExtension(mime)}`;
}
