// Mean rubric score per criterion over the reviews in the range (of the person's items when filtered), from
// the per-day rubric sums (lib/quality/figures): the person is the item's submitter.
import type { Db } from "../../db/client";
import type { QualityFilters } from "../filters";
import { dayRange, sumFigures } from "./figures";

/** The rubric's criteria as Review columns, with what people read (the order of the figures' v1..v5). */
export const RUBRIC_CRITERIA = [
  { key: "visualGrounding", label: "Visual grounding" },
  { key: "verdictCorrectness", label: "Verdict correctness" },
  { key: "reasoningConsistency", label: "Reasoning consistency" },
  { key: "tone", label: "Tone" },
  { key: "answerCorrectness", label: "Answer correctness" },
] as const;
export type RubricCriterion = (typeof RUBRIC_CRITERIA)[number]["key"];

export interface RubricRow {
  criterion: RubricCriterion;
  label: string;
  mean: number | null;
  reviews: number;
}

export async function rubricMeans(db: Db, projectId: string, f: QualityFilters): Promise<RubricRow[]> {
  const sums = await sumFigures(db, projectId, "rubric", dayRange(f), { key: f.userId });
  const reviews = sums.reduce((s, r) => s + r.n, 0);
  return RUBRIC_CRITERIA.map((c, i) => ({
    criterion: c.key,
    label: c.label,
    mean: reviews > 0 ? sums.reduce((s, r) => s + r.v[i], 0) / reviews : null,
    reviews,
  }));
}
