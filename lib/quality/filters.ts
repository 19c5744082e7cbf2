// The dashboard's filters, shared by the page, its CSV downloads, the REST route and the CLI: a time range
// (inclusive from, exclusive to, as days) and one person.
import { z } from "zod";

const day = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "a day as YYYY-MM-DD")
  .transform((v, ctx) => {
    const date = new Date(`${v}T00:00:00Z`);
    if (Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: "custom", message: "not a calendar day" });
      return z.NEVER;
    }
    return date;
  });

export const qualityFiltersSchema = z
  .object({
    from: day.optional(),
    /** The last day included. */
    to: day.optional(),
    user: z.string().trim().min(1).max(64).optional(),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { message: "from must not be after to", path: ["from"] });

export interface QualityFilters {
  from?: Date;
  /** Exclusive upper bound (the day after the last day asked for). */
  until?: Date;
  userId?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** URL search params → filters; empty strings count as absent. Throws a ZodError naming the field. */
export function parseQualityFilters(params: Record<string, string | string[] | undefined>): QualityFilters {
  const pick = (key: string) => {
    const v = params[key];
    const s = Array.isArray(v) ? v[0] : v;
    return s === undefined || s.trim() === "" ? undefined : s;
  };
  const parsed = qualityFiltersSchema.parse({ from: pick("from"), to: pick("to"), user: pick("user") });
  return { from: parsed.from, until: parsed.to && new Date(parsed.to.getTime() + DAY_MS), userId: parsed.user };
}

/** A Prisma DateTime condition for the range, or undefined when open on both sides. */
export function dateRange(f: QualityFilters): { gte?: Date; lt?: Date } | undefined {
  if (!f.from && !f.until) return undefined;
  return { ...(f.from && { gte: f.from }), ...(f.until && { lt: f.until }) };
}
