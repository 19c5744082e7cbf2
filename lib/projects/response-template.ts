// The assistant's reflective reply rendered with a project's response template. Pure and free of
// zod, so the browser editor's live preview uses exactly the code the exports use.

export interface RationaleParts {
  verdict: "MISLEADING" | "CORRECTIVE" | null;
  evidence: string;
  response: string;
  finalAnswer: string;
}

const PLACEHOLDER = /\{(verdict|evidence|response|finalAnswer)\}/;

function placeholderValue(key: string, parts: RationaleParts): string {
  if (key === "verdict") return parts.verdict === "CORRECTIVE" ? "correct" : parts.verdict === "MISLEADING" ? "misleading" : "";
  if (key === "evidence") return parts.evidence.trim();
  if (key === "response") return parts.response.trim();
  return parts.finalAnswer.trim();
}

/**
 * The template cut once at its placeholders (split with a capturing group: texts at even indexes,
 * placeholder names at odd ones), so rendering a reply is a few concatenations (exports render one
 * per record).
 */
export function compileResponseTemplate(template: string): (parts: RationaleParts) => string {
  const pieces = template.split(new RegExp(PLACEHOLDER.source, "g"));
  return (parts) => {
    let out = pieces[0];
    for (let i = 1; i < pieces.length; i += 2) out += placeholderValue(pieces[i], parts) + pieces[i + 1];
    return out;
  };
}

let lastCompiled: { template: string; render: (parts: RationaleParts) => string } | null = null;

/** Renders the assistant's reflective reply with the project's template. */
export function renderResponse(template: string, parts: RationaleParts): string {
  if (lastCompiled?.template !== template) lastCompiled = { template, render: compileResponseTemplate(template) };
  return lastCompiled.render(parts);
}
