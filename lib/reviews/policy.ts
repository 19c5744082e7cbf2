// How the k reviews of a round decide an item. Pure.
import type { ReviewDecision } from "../items/status";
import type { ReviewPolicy } from "../projects/settings";

export type RoundOutcome =
  | { kind: "pending"; missing: number }
  | { kind: "decided"; decision: ReviewDecision; unanimous: boolean }
  | { kind: "adjudicate" };

/**
 * `decisions`: one per distinct reviewer of the round. Fewer than k: pending. Unanimous: that decision.
 * Otherwise "all" sends the round to adjudication; "majority" takes a strict majority's decision and
 * adjudicates a tie.
 */
export function decideRound(decisions: readonly ReviewDecision[], k: number, policy: ReviewPolicy): RoundOutcome {
  if (decisions.length < k) return { kind: "pending", missing: k - decisions.length };
  const counts = new Map<ReviewDecision, number>();
  for (const d of decisions) counts.set(d, (counts.get(d) ?? 0) + 1);
  if (counts.size === 1) return { kind: "decided", decision: decisions[0], unanimous: true };
  if (policy === "majority") {
    const [top, n] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
    if (n * 2 > decisions.length) return { kind: "decided", decision: top, unanimous: false };
  }
  return { kind: "adjudicate" };
}
