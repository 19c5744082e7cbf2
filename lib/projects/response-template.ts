// The assistant's reflective reply rendered with a project's response template. Pure and free of
// zod, so the browser editor's live preview uses exactly the code the exports use.

export interface RationaleParts {
  verdict: "MISLEADING" | "CORRECTIVE" | null;
  evidence: string;
  response: string;
  finalAnswer: string;
}

/** Renders the assistant's reflective reply with the project's template. */
export function renderResponse(template: string, parts: RationaleParts): string {
  const values: Record<string, string> = {
    verdict: parts.verdict === "CORRECTIVE" ? "correct" : parts.verdict === "MISLEADING" ? "misleading" : "",
    evidence: parts.evidence.trim(),
    response: parts.response.trim(),
    finalAnswer: parts.finalAnswer.trim(),
  };
  return template.replace(/\{(verdict|evidence|response|finalAnswer)\}/g, (_, key: string) => values[key]);
}
