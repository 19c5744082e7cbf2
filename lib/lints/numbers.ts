// Numbers written as digits ("3", "3.0", "03", "1,000", "-2") or words ("three", "twenty-one",
// "one hundred and five", "minus four"), found in free text and reduced to one canonical string.

const UNITS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9,
};
const TEENS: Record<string, number> = {
  ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15,
  sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
};
const TENS: Record<string, number> = {
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const SCALES: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9 };
const NEGATORS = new Set(["minus", "negative"]);

type Token = { kind: "digits"; value: number } | { kind: "word"; value: string };

/** "1,000" → "1000" (only real thousands groups: "1,2,3" is a list and stays apart). */
function dropThousandsSeparators(text: string): string {
  return text.replace(/\d{1,3}(?:,\d{3})+(?![\d,])/g, (m) => m.replace(/,/g, ""));
}

function tokenize(text: string): Token[] {
  const source = dropThousandsSeparators(text.normalize("NFKC").toLowerCase().replace(/\u2212/g, "-"));
  const tokens: Token[] = [];
  for (const m of source.matchAll(/([-+]?)(\d+(?:\.\d+)?|\.\d+)|[\p{L}]+/gu)) {
    if (m[2] === undefined) {
      tokens.push({ kind: "word", value: m[0] });
      continue;
    }
    // A sign counts only at a word start: "1-2" is a range, not 1 and −2.
    const before = m.index === 0 ? " " : source[m.index - 1];
    const signed = m[1] === "-" && !/[\p{L}\p{N}.]/u.test(before);
    const value = Number(m[2]);
    tokens.push({ kind: "digits", value: signed ? -value : value });
  }
  return tokens;
}

type WordClass = "start" | "unit" | "teen" | "tens" | "hundred" | "scale" | "and" | "a";

/**
 * Reads a run of number words starting at `start`; returns the value and how many tokens it used, or
 * null. A small grammar so that "one two" is not read as 3 and "a" alone is not read as 1.
 */
function readNumberWords(tokens: Token[], start: number): { value: number; used: number } | null {
  let total = 0;
  let group = 0;
  let prev: WordClass = "start";
  let lastScale = Infinity;
  let used = 0;
  for (let i = start; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.kind !== "word") break;
    const w = t.value;
    const afterAllowed = prev === "start" || prev === "hundred" || prev === "scale" || prev === "and";
    if (w === "zero" && prev === "start") {
      return { value: 0, used: 1 };
    } else if (w in UNITS && (afterAllowed || prev === "tens")) {
      group += UNITS[w];
      prev = "unit";
    } else if (w in TEENS && afterAllowed) {
      group += TEENS[w];
      prev = "teen";
    } else if (w in TENS && afterAllowed) {
      group += TENS[w];
      prev = "tens";
    } else if (w === "hundred" && (prev === "unit" || prev === "teen" || prev === "a") && group < 100) {
      group = (prev === "a" ? 1 : group) * 100;
      prev = "hundred";
    } else if (w in SCALES && (prev === "unit" || prev === "teen" || prev === "tens" || prev === "hundred" || prev === "a") && SCALES[w] < lastScale) {
      total += (prev === "a" ? 1 : group) * SCALES[w];
      group = 0;
      lastScale = SCALES[w];
      prev = "scale";
    } else if (w === "dozen" && (prev === "a" || prev === "unit") && group < 10) {
      group = (prev === "a" ? 1 : group) * 12;
      prev = "scale";
      lastScale = 1000;
    } else if (w === "and" && (prev === "hundred" || prev === "scale")) {
      prev = "and";
      continue; // only counted if a number word follows
    } else if (w === "a" && prev === "start") {
      prev = "a";
      continue;
    } else {
      break;
    }
    used = i - start + 1;
  }
  return used === 0 ? null : { value: total + group, used };
}

/** Every number in the text, in order. */
export function extractNumbers(text: string): number[] {
  const tokens = tokenize(text);
  const found: number[] = [];
  for (let i = 0; i < tokens.length; ) {
    const t = tokens[i];
    const negated = t.kind === "word" && NEGATORS.has(t.value);
    const at = negated ? i + 1 : i;
    const next = tokens[at];
    if (next?.kind === "digits") {
      found.push(negated ? -next.value : next.value);
      i = at + 1;
      continue;
    }
    const words = next ? readNumberWords(tokens, at) : null;
    if (words) {
      found.push(negated ? -words.value : words.value);
      i = at + words.used;
      continue;
    }
    i++;
  }
  return found;
}

/** 3, 3.0, -0 → "3", "3", "0"; 1.50 → "1.5". */
export function canonicalNumber(value: number): string {
  if (Object.is(value, -0)) return "0";
  return String(value);
}

/** The single number a text states ("3 cats", "three", "1,000"), or null for none / several / "three or four". */
export function parseNumber(text: string): string | null {
  const folded = text.trim().toLowerCase();
  if (folded === "none" || folded === "none.") return "0";
  const numbers = [...new Set(extractNumbers(text).map(canonicalNumber))];
  return numbers.length === 1 ? numbers[0] : null;
}
