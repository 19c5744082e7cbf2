// Scoring an annotator's blind attempt at a gold item: each gold follow-up is paired with the attempt's
// follow-up of the same kind at the same place (misleading 1 with misleading 1, …) and three fields are
// compared: the claimed answer and the final answer (equal once normalised for the item's answer type,
// as the lints read answers) and the verdict. Evidence is not scored, only shown side by side.
import { compareFollowUps } from "../export/selection";
import { answersEqual } from "../lints/normalize";
import type { AnswerTypeName } from "../lints/types";

export interface ScoredFollowUp {
  id: string;
  kind: "MISLEADING" | "CORRECTIVE";
  position: number;
  claimedAnswer: string;
  verdict: "MISLEADING" | "CORRECTIVE" | null;
  finalAnswer: string;
  evidence: string;
}

export const GOLD_FIELDS = ["claimedAnswer", "verdict", "finalAnswer"] as const;
export type GoldField = (typeof GOLD_FIELDS)[number];

export interface GoldComparison {
  kind: ScoredFollowUp["kind"];
  /** 1-based place among the follow-ups of its kind. */
  place: number;
  gold: Pick<ScoredFollowUp, GoldField | "evidence">;
  attempt: Pick<ScoredFollowUp, GoldField | "evidence"> | null;
  matches: Record<GoldField, boolean>;
}

export interface GoldScore {
  checks: number;
  correct: number;
  comparisons: GoldComparison[];
}

export function scoreGoldAttempt(
  item: { answerType: AnswerTypeName; options: string[] },
  gold: ScoredFollowUp[],
  attempt: ScoredFollowUp[],
): GoldScore {
  const ordered = (list: ScoredFollowUp[], kind: ScoredFollowUp["kind"]) => list.filter((f) => f.kind === kind).sort(compareFollowUps);
  const comparisons: GoldComparison[] = [];
  for (const kind of ["MISLEADING", "CORRECTIVE"] as const) {
    const theirs = ordered(attempt, kind);
    ordered(gold, kind).forEach((g, i) => {
      const a = theirs[i] ?? null;
      const answer = (x: string, y: string) => answersEqual(item.answerType, x, y, item.options);
      comparisons.push({
        kind,
        place: i + 1,
        gold: pick(g),
        attempt: a && pick(a),
        matches: {
          claimedAnswer: a !== null && answer(g.claimedAnswer, a.claimedAnswer),
          verdict: a !== null && g.verdict !== null && g.verdict === a.verdict,
          finalAnswer: a !== null && answer(g.finalAnswer, a.finalAnswer),
        },
      });
    });
  }
  const checks = comparisons.length * GOLD_FIELDS.length;
  const correct = comparisons.reduce((s, c) => s + GOLD_FIELDS.filter((f) => c.matches[f]).length, 0);
  return { checks, correct, comparisons };
}

function pick(f: ScoredFollowUp) {
  return { claimedAnswer: f.claimedAnswer, verdict: f.verdict, finalAnswer: f.finalAnswer, evidence: f.evidence };
}
