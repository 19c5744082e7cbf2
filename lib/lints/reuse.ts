// Project-wide check for near-identical follow-up text (an annotator pasting the same user message
// into many items). The only lint that needs the database; everything else in lib/lints is pure.
//
// Bound, per call (so it can run as the annotator types, debounced):
//   * only the REUSE_WINDOW most recent follow-ups of the instance are looked at (ids are
//     time-ordered, so this is a primary-key range), however large the project;
//   * of those, the database keeps rows containing at least two of the text's four most distinctive
//     words (a text ≥ REUSE_THRESHOLD similar shares almost all its words) and returns at most
//     CANDIDATE_LIMIT of them, newest first (id, itemId and the text only); rows of other projects
//     are then dropped with one primary-key lookup of their items;
//   * Jaccard similarity of word 3-shingles is computed in memory on those rows.
// So the database scans ≤ 10k rows with LIKE and the app compares ≤ 200 texts, whether the project
// has 1k or 1M follow-ups. Older copies are not seen; an exhaustive check would need an indexed
// table of MinHash band hashes per follow-up (a schema change).
import type { Db } from "../db/client";
import { containsIgnoringCase } from "../db/provider";
import { providerOf } from "../db/provider";
import { jaccard, shingles } from "./shingles";

/** Jaccard of word 3-shingles: one word changed in a 14-word message still scores 0.6. */
export const REUSE_THRESHOLD = 0.6;
export const CANDIDATE_LIMIT = 200;
/** How many of the newest follow-ups (instance-wide) the check looks at. */
export const REUSE_WINDOW = 10_000;
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
  // The id of the REUSE_WINDOW-th newest follow-up: an OFFSET on the primary-key index.
  const cutoff = await db.followUp.findFirst({ orderBy: { id: "desc" }, skip: REUSE_WINDOW, select: { id: true } });
  // No relation filter on the project here: joined to Item, SQLite would start from the project's
  // items and ignore the id window. Rows of other projects are dropped just below.
  const windowRows = await db.followUp.findMany({
    where: {
      id: { ...(cutoff ? { gt: cutoff.id } : {}), ...(excludeFollowUpId ? { not: excludeFollowUpId } : {}) },
      ...(options.excludeItemId ? { itemId: { not: options.excludeItemId } } : {}),
      OR: pairs.map((pair) => ({ AND: pair.map(has) })),
    },
    select: { id: true, itemId: true, userMessage: field === "userMessage", evidence: field === "evidence", response: field === "response" },
    // Newest first by primary key, so the scan can stop at the limit.
    orderBy: { id: "desc" },
    take: CANDIDATE_LIMIT,
  });
  const inProject = new Set(
    (await db.item.findMany({ where: { id: { in: [...new Set(windowRows.map((r) => r.itemId))] }, projectId }, select: { id: true } })).map((i) => i.id),
  );
  const rows = windowRows.filter((r) => inProject.has(r.itemId));

  const matches: ReuseMatch[] = [];
  for (const row of rows) {
    const candidate = row[field] ?? "";
    const similarity = jaccard(target, shingles(candidate));
    if (similarity >= threshold) matches.push({ followUpId: row.id, itemId: row.itemId, similarity, text: candidate });
  }
  return matches.sort((a, b) => b.similarity - a.similarity).slice(0, MAX_MATCHES);
}
