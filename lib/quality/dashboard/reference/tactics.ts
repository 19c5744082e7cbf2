// The tactics query as it was before the QualityFigure rows (scanning follow-ups): kept as the oracle the
// dashboard's integration test compares the figures-based query with. Not used by the app.
import type { Db } from "../../../db/client";
import { dateRange, type QualityFilters } from "../../filters";
import type { TacticRow } from "../tactics";

export async function followUpsPerTactic(db: Db, projectId: string, f: QualityFilters): Promise<TacticRow[]> {
  const groups = await db.followUp.groupBy({
    by: ["tactic", "kind"],
    where: { item: { projectId }, createdAt: dateRange(f), ...(f.userId && { authorId: f.userId }) },
    _count: { _all: true },
  });
  const rows = new Map<string, TacticRow>();
  for (const g of groups) {
    const row = rows.get(g.tactic) ?? { tactic: g.tactic, misleading: 0, corrective: 0 };
    rows.set(g.tactic, row);
    if (g.kind === "MISLEADING") row.misleading += g._count._all;
    else row.corrective += g._count._all;
  }
  return [...rows.values()].sort((a, b) => b.misleading + b.corrective - (a.misleading + a.corrective) || a.tactic.localeCompare(b.tactic));
}
