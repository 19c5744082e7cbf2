// The quality figures of a project as data: what GET /api/v1/projects/{slug}/quality answers and
// `srt stats --quality --json` prints. The zod schema documents it (OpenAPI) and tests parse real answers.
import { z } from "zod";
import type { Db } from "../db/client";
import { loadQualityDashboard } from "./dashboard";
import type { QualityFilters } from "./filters";

const agreementSchema = z.object({
  value: z.number().nullable().meta({ description: "The coefficient (−1…1); null when undefined" }),
  units: z.int().meta({ description: "Items behind the figure" }),
  pairs: z.int().meta({ description: "Pairs of ratings compared" }),
  reason: z.string().optional().meta({ description: "Why value is null" }),
});

const rate = z.number().nullable();

export const qualityReportSchema = z.object({
  project: z.string(),
  range: z.object({ from: z.string().nullable(), to: z.string().nullable().meta({ description: "The last day included" }), user: z.string().nullable() }),
  agreement: z.object({
    decisions: z.object({
      cohenPairs: z.array(agreementSchema.extend({ reviewers: z.array(z.object({ id: z.string(), name: z.string() })) })).meta({ description: "Cohen's κ per reviewer pair" }),
      fleiss: agreementSchema.extend({ raters: z.int().nullable() }).meta({ description: "Fleiss' κ over items with the most common number (≥ 3) of reviewers" }),
      krippendorffNominal: agreementSchema,
    }),
    rubricOrdinal: z.array(agreementSchema.extend({ criterion: z.string() })).meta({ description: "Krippendorff's α (ordinal) per rubric criterion" }),
  }),
  goldAccuracy: z.array(z.object({ userId: z.string(), name: z.string(), attempts: z.int(), checks: z.int(), correct: z.int(), accuracy: rate })),
  annotators: z.array(
    z.object({
      userId: z.string(),
      name: z.string(),
      submitted: z.int(),
      lintWarningRate: rate,
      reviewed: z.int(),
      acceptanceRate: rate,
      firstPassApprovalRate: rate,
    }),
  ),
  rubricMeans: z.array(z.object({ criterion: z.string(), mean: z.number().nullable(), reviews: z.int() })),
  followUpsPerTactic: z.array(z.object({ tactic: z.string(), misleading: z.int(), corrective: z.int() })),
});
export type QualityReport = z.infer<typeof qualityReportSchema>;

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);
const day = (d: Date | undefined, shift = 0) => (d ? new Date(d.getTime() - shift).toISOString().slice(0, 10) : null);

export async function qualityReport(db: Db, project: { id: string; slug: string }, filters: QualityFilters): Promise<QualityReport> {
  const d = await loadQualityDashboard(db, project.id, filters);
  return {
    project: project.slug,
    range: { from: day(filters.from), to: day(filters.until, 24 * 60 * 60 * 1000), user: filters.userId ?? null },
    agreement: {
      decisions: {
        cohenPairs: d.agreement.decisionPairs.map(({ raters, names, ...a }) => ({ ...a, reviewers: raters.map((id, i) => ({ id, name: names[i] })) })),
        fleiss: d.agreement.decisionFleiss,
        krippendorffNominal: d.agreement.decisionAlpha,
      },
      rubricOrdinal: d.agreement.rubricAlpha.map(({ criterion, value, units, pairs, reason }) => ({ criterion, value, units, pairs, reason })),
    },
    goldAccuracy: d.gold,
    annotators: d.annotators.map((a) => ({
      userId: a.userId,
      name: a.name,
      submitted: a.submitted,
      lintWarningRate: ratio(a.withWarnings, a.submitted),
      reviewed: a.reviewed,
      acceptanceRate: ratio(a.accepted, a.reviewed),
      firstPassApprovalRate: ratio(a.firstPassApproved, a.reviewed),
    })),
    rubricMeans: d.rubric.map((r) => ({ criterion: r.criterion, mean: r.mean, reviews: r.reviews })),
    followUpsPerTactic: d.tactics,
  };
}
