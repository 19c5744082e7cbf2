// One item's reviews reduced to what an export carries and filters on.

export interface ReviewScores {
  reviewerId: string;
  visualGrounding: number;
  verdictCorrectness: number;
  reasoningConsistency: number;
  tone: number;
  answerCorrectness: number;
  decision: string;
}

export interface ReviewSummary {
  /** Rubric means over the reviews (3 decimals); null without reviews. */
  scores: {
    visual_grounding: number;
    verdict_correctness: number;
    reasoning_consistency: number;
    tone: number;
    answer_correctness: number;
    mean: number;
  } | null;
  reviewers: string[];
  /** The round's final decision: a researcher's adjudication, else the most frequent decision (a tie: the latest of them). */
  decision: string | null;
  count: number;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** The reviews of the final round, in creation order (oldest first), and the round's adjudicated decision if any. */
export function summarizeReviews(reviews: readonly ReviewScores[], adjudicated: string | null = null): ReviewSummary {
  const n = reviews.length;
  if (n === 0) return { scores: null, reviewers: [], decision: null, count: 0 };
  const sum = { vg: 0, vc: 0, rc: 0, tone: 0, ac: 0 };
  for (const r of reviews) {
    sum.vg += r.visualGrounding;
    sum.vc += r.verdictCorrectness;
    sum.rc += r.reasoningConsistency;
    sum.tone += r.tone;
    sum.ac += r.answerCorrectness;
  }
  return {
    scores: {
      visual_grounding: round3(sum.vg / n),
      verdict_correctness: round3(sum.vc / n),
      reasoning_consistency: round3(sum.rc / n),
      tone: round3(sum.tone / n),
      answer_correctness: round3(sum.ac / n),
      mean: round3((sum.vg + sum.vc + sum.rc + sum.tone + sum.ac) / (5 * n)),
    },
    reviewers: [...new Set(reviews.map((r) => r.reviewerId))].sort(),
    decision: adjudicated ?? finalDecision(reviews),
    count: n,
  };
}

function finalDecision(reviews: readonly ReviewScores[]): string {
  const counts = new Map<string, number>();
  for (const r of reviews) counts.set(r.decision, (counts.get(r.decision) ?? 0) + 1);
  const top = Math.max(...counts.values());
  // The latest review whose decision has the top count.
  return [...reviews].reverse().find((r) => counts.get(r.decision) === top)!.decision;
}
