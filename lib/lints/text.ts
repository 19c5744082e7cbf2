// Text helpers shared by the normalisers and the lint rules. Pure string functions.

/** Lowercase, accents removed, every run of non-letters/digits turned into one space, trimmed. */
export function foldText(value: string): string {
  return value
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export function wordsOf(value: string): string[] {
  const folded = foldText(value);
  return folded === "" ? [] : folded.split(" ");
}

const ARTICLES = new Set(["a", "an", "the"]);

/** Words without articles: "The Llama." and "llama" compare equal. */
export function contentWords(value: string): string[] {
  return wordsOf(value).filter((w) => !ARTICLES.has(w));
}

/** Sentences, split after . ! ? followed by whitespace and at line breaks ("3.5" stays whole). */
export function sentencesOf(value: string): string[] {
  return value
    .split(/(?<=[.!?…])\s+|\n+/u)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** Index of every occurrence of `needle` as consecutive whole words of `haystack`. */
export function phraseIndexes(haystack: string[], needle: string[]): number[] {
  const found: number[] = [];
  if (needle.length === 0 || needle.length > haystack.length) return found;
  for (let i = 0; i + needle.length <= haystack.length; i++) {
    let j = 0;
    while (j < needle.length && haystack[i + j] === needle[j]) j++;
    if (j === needle.length) found.push(i);
  }
  return found;
}

export function containsPhrase(haystack: string[], needle: string[]): boolean {
  return phraseIndexes(haystack, needle).length > 0;
}

/** `haystack` with every occurrence of `needle` replaced by a marker word, so a longer phrase hides a shorter one inside it. */
export function maskPhrase(haystack: string[], needle: string[]): string[] {
  if (needle.length === 0) return haystack;
  const out = [...haystack];
  for (const i of phraseIndexes(haystack, needle)) out.fill("\u0000", i, i + needle.length);
  return out;
}

/**
 * The placeholder the drafting assistant leaves for a human to fill in: "[TODO: …]" or "[EDIT: …]".
 * Any field still holding one is not finished.
 */
export const PLACEHOLDER_PATTERN = /\[(?:TODO|EDIT)\b[^\]]*\]/i;

export function hasPlaceholder(value: string): boolean {
  return PLACEHOLDER_PATTERN.test(value);
}
