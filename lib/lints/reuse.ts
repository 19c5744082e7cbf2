// Project-wide check for near-identical follow-up text (an annotator pasting the same user message
// into many items). The only lint that needs the database; everything else in lib/lints is pure.
//
// Bound, per call: one query over the project's follow-ups that returns at most CANDIDATE_LIMIT rows
// (only id, itemId and the text), keeping rows that contain at least two of the text's four most
// distinctive words (a text that is ≥ REUSE_THRESHOLD similar shares almost all its words, so it
// passes); then Jaccard similarity of word 3-shingles on those rows in memory. The database filters
// with LIKE without loading rows, so a 100k-follow-up project never sends 100k rows to the app.
import type { Db } from "../db/client";
import { containsIgnoringCase } from "../items/case-insensitive";
import { providerOf } from "../items/db-provider";
import { jaccard, shingles } from "./shingles";

/** Jaccard of word 3-shingles: one word changed in a 14-word message still scores 0.6. */
export const REUSE_THRESHOLD = 0.6;
export const CANDIDATE_LIMIT = 200;
/** Short texts ("Are you sure?") are reused legitimately; only longer ones are checked. */
export const MIN_REUSE_WORDS = 6;
const MAX_MATCHES = 5;
const ANCHOR_COUNT = 4;

const STOPWORDS = new Set(
  "about above after again also because been before being below between both could does doing down during each from have having here into itself just more most once only other over same should some such than that their them then there these they this those through under until very were what when where which while with would your yours".split(" "),
);

export type ReuseField = "userMessage" | "evidence" | "response";

export interface ReuseMatch {
  followUpId: string;
  itemId: string;
  similarity: number;
  text: string;
}

/** The longest distinct non-stopwords, lowercased but with accents kept (they must match stored text). */
export function anchorWords(text: string, count = ANCHOR_COUNT): string[] {
  const words = text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length >= 4 && !STOPWORDS.has(w));
  return [...new Set(words)].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).slice(0, count);
}

/** Other follow-ups of the project whose `field` is near-identical to `text`, most similar first. */
export async function findReusedFollowUpText(
  db: Db,
  projectId: string,
  text: string,
  excludeFollowUpId?: string,
  options: { field?: ReuseField; threshold?: number; excludeItemId?: string } = {},
): Promise<ReuseMatch[]> {
  const field = options.field ?? "userMessage";
  const threshold = options.threshold ?? REUSE_THRESHOLD;
  const target = shingles(text);
  if (text.split(/\s+/).filter(Boolean).length < MIN_REUSE_WORDS) return [];
  const anchors = anchorWords(text);
  if (anchors.length === 0) return [];

  const provider = providerOf(db);
  const has = (w: string) => ({ [field]: containsIgnoringCase(provider, w) });
  const pairs = anchors.length === 1 ? [[anchors[0]]] : anchors.flatMap((a, i) => anchors.slice(i + 1).map((b) => [a, b]));
  const rows = await db.followUp.findMany({
    where: {
      item: { projectId },
      ...(excludeFollowUpId ? { id: { not: excludeFollowUpId } } : {}),
      ...(options.excludeItemId ? { itemId: { not: options.excludeItemId } } : {}),
      OR: pairs.map((pair) => ({ AND: pair.map(has) })),
    },
    select: { id: true, itemId: true, userMessage: field === "userMessage", evidence: field === "evidence", response: field === "response" },
    // Newest first by primary key, so the scan can stop at the limit.
    orderBy: { id: "desc" },
    take: CANDIDATE_LIMIT,
  });

  const matches: ReuseMatch[] = [];
  for (const row of rows) {
    const candidate = row[field] ?? "";
    const similarity = jaccard(target, shingles(candidate));
    if (similarity >= threshold) matches.push({ followUpId: row.id, itemId: row.itemId, similarity, text: candidate });
  }
  return matches.sort((a, b) => b.similarity - a.similarity).slice(0, MAX_MATCHES);
}
