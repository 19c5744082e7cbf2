// Follow-ups per pressure tactic and kind (created in the range; written by the person when filtered), from
// the per-day tactic figures (lib/quality/figures).
import type { Db } from "../../db/client";
import type { QualityFilters } from "../filters";
import { dayRange, sumFigures } from "./figures";

export interface TacticRow {
  tactic: string;
  misleading: number;
  corrective: number;
}

export async function followUpsPerTactic(db: Db, projectId: string, f: QualityFilters): Promise<TacticRow[]> {
  const sums = await sumFigures(db, projectId, "tactic", dayRange(f), { key: f.userId, byDetail: true });
  return sums
    .filter((s) => s.n !== 0 || s.v[0] !== 0)
    .map((s) => ({ tactic: s.key, misleading: s.n, corrective: s.v[0] }))
    .sort((a, b) => b.misleading + b.corrective - (a.misleading + a.corrective) || a.tactic.localeCompare(b.tactic));
}
