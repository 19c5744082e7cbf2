// Per-annotator accuracy on gold items: the share of compared fields (claimed answer, verdict, final answer)
// that matched gold, over the attempts scored in the range. One grouped query.
import type { Db } from "../db/client";
import { dateRange, type QualityFilters } from "./filters";

export interface GoldAccuracyRow {
  userId: string;
  name: string;
  attempts: number;
  checks: number;
  correct: number;
  /** correct / checks; null without any check. */
  accuracy: number | null;
}

export async function goldAccuracy(db: Db, projectId: string, filters: QualityFilters): Promise<GoldAccuracyRow[]> {
  const groups = await db.goldAttempt.groupBy({
    by: ["annotatorId"],
    where: { projectId, scoredAt: { not: null, ...dateRange(filters) }, ...(filters.userId && { annotatorId: filters.userId }) },
    _count: { _all: true },
    _sum: { checks: true, correct: true },
  });
  const users = await db.user.findMany({ where: { id: { in: groups.map((g) => g.annotatorId) } }, select: { id: true, name: true } });
  const names = new Map(users.map((u) => [u.id, u.name]));
  return groups
    .map((g) => {
      const checks = g._sum.checks ?? 0;
      const correct = g._sum.correct ?? 0;
      return { userId: g.annotatorId, name: names.get(g.annotatorId) ?? "(deleted)", attempts: g._count._all, checks, correct, accuracy: checks > 0 ? correct / checks : null };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}
