// A stratum is kind × answer type: splits are balanced within each one.
export const KINDS = ["MISLEADING", "CORRECTIVE"] as const;
export const ANSWER_TYPES = ["MULTIPLE_CHOICE", "YES_NO", "SHORT_ANSWER", "NUMBER"] as const;
export const STRATA_COUNT = KINDS.length * ANSWER_TYPES.length;

export function stratumIndex(kind: string, answerType: string): number {
  const k = (KINDS as readonly string[]).indexOf(kind);
  const a = (ANSWER_TYPES as readonly string[]).indexOf(answerType);
  if (k < 0 || a < 0) throw new Error(`unknown stratum ${kind} × ${answerType}`);
  return k * ANSWER_TYPES.length + a;
}

/** counts[kind][answerType], every cell present (zeros too) so manifests have one fixed shape. */
export type StrataCounts = Record<string, Record<string, number>>;

export function strataCounts(cells: ArrayLike<number>): StrataCounts {
  return Object.fromEntries(KINDS.map((kind, k) => [kind, Object.fromEntries(ANSWER_TYPES.map((type, a) => [type, cells[k * ANSWER_TYPES.length + a] ?? 0]))]));
}
