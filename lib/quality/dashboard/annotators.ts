// Per annotator: throughput (submissions in the range), lint-warning rate of those submissions, and, over the
// items of theirs reviewed in the range, the acceptance rate (latest decision APPROVE) and the first-pass
// approval rate (first decision APPROVE), ties counting as approved. Read from the per-day figures
// (lib/quality/figures/rows.ts): an item's latest review in the range is on its last reviewed day in the
// range, the outcome row whose next review day lies past the range (or is none); its first on the firstPass
// row whose previous review day lies before the range. The annotator is the item's submitter (scope.ts).
import type { Db } from "../../db/client";
import { Prisma } from "../../db";
import type { QualityFilters } from "../filters";
import { dayRange, sumFigures } from "./figures";

export interface AnnotatorRow {
  userId: string;
  name: string;
  submitted: number;
  withWarnings: number;
  reviewed: number;
  accepted: number;
  firstPassApproved: number;
}

export async function annotatorFigures(db: Db, projectId: string, f: QualityFilters): Promise<AnnotatorRow[]> {
  const range = dayRange(f);
  const options = { key: f.userId };
  const [submissions, outcomes, firstPasses] = await Promise.all([
    sumFigures(db, projectId, "submit", range, options),
    sumFigures(db, projectId, "outcome", range, { ...options, where: range.until ? Prisma.sql`AND (q."otherDay" = '' OR q."otherDay" >= ${range.until})` : Prisma.sql`AND q."otherDay" = ''` }),
    sumFigures(db, projectId, "firstPass", range, { ...options, where: range.from ? Prisma.sql`AND (q."otherDay" = '' OR q."otherDay" < ${range.from})` : Prisma.sql`AND q."otherDay" = ''` }),
  ]);
  const rows = new Map<string, AnnotatorRow>();
  const row = (userId: string) => {
    let r = rows.get(userId);
    if (!r) rows.set(userId, (r = { userId, name: "", submitted: 0, withWarnings: 0, reviewed: 0, accepted: 0, firstPassApproved: 0 }));
    return r;
  };
  // Rows that summed to nothing (figures moved to another submitter) are no annotator's.
  for (const s of submissions) if (s.n !== 0) Object.assign(row(s.key), { submitted: s.n, withWarnings: s.v[0] });
  for (const o of outcomes) if (o.n !== 0) Object.assign(row(o.key), { reviewed: o.n, accepted: o.v[0] });
  for (const p of firstPasses) if (rows.has(p.key)) row(p.key).firstPassApproved = p.n;
  const users = await db.user.findMany({ where: { id: { in: [...rows.keys()] } }, select: { id: true, name: true } });
  for (const u of users) row(u.id).name = u.name;
  return [...rows.values()].map((r) => ({ ...r, name: r.name || "(deleted)" })).sort((a, b) => b.submitted - a.submitted || a.name.localeCompare(b.name));
}
