// Options pasted or imported with their labels already written ("A. dog", "(B) cat"): the editor and
// exports add the letters themselves, so a consistent label prefix is dropped and the text kept.
import { optionLabel } from "./normalize";

/** The label styles recognised, each with the letter in group 1 and the text in group 2. */
const STYLES = [
  /^([A-Za-z])\.\s+(.*)$/s, // A. dog
  /^([A-Za-z])\)\s*(.*)$/s, // A) dog
  /^([A-Za-z]):\s*(.*)$/s, // A: dog
  /^\(([A-Za-z])\)\s*(.*)$/s, // (A) dog
  /^\[([A-Za-z])\]\s*(.*)$/s, // [A] dog
];

/**
 * ["A. dog", "B. cat"] → ["dog", "cat"]. Only when every option (at least two) starts with its own
 * letter in order (A, B, C…, one case) in one and the same style, with text after it; otherwise the
 * options are returned as they are ("A. Lincoln" alone, or "B. cat" in first place, are kept).
 */
export function stripOptionLabels(options: readonly string[]): string[] {
  if (options.length < 2) return [...options];
  const trimmed = options.map((o) => o.trim());
  for (const style of STYLES) {
    const matches = trimmed.map((o) => style.exec(o));
    if (matches.some((m) => m === null)) continue;
    const letters = matches.map((m) => m![1]);
    const upper = letters.every((l, i) => l === optionLabel(i));
    const lower = letters.every((l, i) => l === optionLabel(i).toLowerCase());
    const texts = matches.map((m) => m![2].trim());
    if ((upper || lower) && texts.every((t) => t !== "")) return texts;
  }
  return [...options];
}

/** Text pasted into the options: one option per non-blank line, labels stripped as above. */
export function optionsFromPaste(text: string): string[] {
  return stripOptionLabels(
    text
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== ""),
  );
}
