import { z } from "zod";

/** A split name as it appears in file names (train.jsonl) and manifests. */
export const SPLIT_NAME_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/;

/** Ratios may be written with rounding (0.333…); their sum must be 1 within this tolerance. */
const SUM_TOLERANCE = 1e-6;

export interface SplitRatio {
  name: string;
  ratio: number;
}

export const DEFAULT_SPLITS: SplitRatio[] = [
  { name: "train", ratio: 0.8 },
  { name: "val", ratio: 0.1 },
  { name: "test", ratio: 0.1 },
];

/** The split that a frozen test set pins images to. */
export const TEST_SPLIT = "test";

const splitRatioSchema = z.object({
  name: z.string().regex(SPLIT_NAME_PATTERN, "a split name is lower case letters, digits, - or _ (e.g. train)"),
  ratio: z.number().min(0, "a ratio is between 0 and 1").max(1, "a ratio is between 0 and 1"),
});

/**
 * Splits as `train=0.8,val=0.1,test=0.1` or as [{name, ratio}]: unique names, ratios in [0, 1]
 * summing to 1. Order is kept: it is the order of files, manifest rows and tie-breaks.
 */
export const splitsSchema = z
  .union([z.string(), z.array(z.unknown())])
  .transform((value, ctx): SplitRatio[] => {
    const entries = typeof value === "string" ? parseSplitSpec(value) : value;
    if (typeof entries === "string") {
      ctx.addIssue({ code: "custom", message: entries });
      return z.NEVER;
    }
    const parsed = z.array(splitRatioSchema).min(1, "give at least one split").max(10, "at most 10 splits").safeParse(entries);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
      return z.NEVER;
    }
    const problem = splitsProblem(parsed.data);
    if (problem) {
      ctx.addIssue({ code: "custom", message: problem });
      return z.NEVER;
    }
    return parsed.data;
  });

/** "train=0.8,val=0.2" → entries, or a message naming the bad part. */
function parseSplitSpec(spec: string): SplitRatio[] | string {
  const parts = spec.split(",").map((p) => p.trim());
  const entries: SplitRatio[] = [];
  for (const part of parts) {
    const match = /^([^=\s]+)\s*=\s*([^=\s]+)$/.exec(part);
    if (!match) return `"${part}" is not name=ratio (write e.g. train=0.8,val=0.1,test=0.1)`;
    const ratio = Number(match[2]);
    if (!Number.isFinite(ratio)) return `"${part}": the ratio "${match[2]}" is not a number`;
    entries.push({ name: match[1], ratio });
  }
  return entries;
}

function splitsProblem(splits: SplitRatio[]): string | null {
  const seen = new Set<string>();
  for (const { name } of splits) {
    if (seen.has(name)) return `the split "${name}" is named twice`;
    seen.add(name);
  }
  const sum = splits.reduce((total, s) => total + s.ratio, 0);
  if (Math.abs(sum - 1) > SUM_TOLERANCE) return `the ratios must sum to 1 (they sum to ${Number(sum.toFixed(6))})`;
  return null;
}

/** `train=0.8,val=0.1,test=0.1`: the spec form, for messages and dataset cards. */
export function formatSplits(splits: SplitRatio[]): string {
  return splits.map((s) => `${s.name}=${s.ratio}`).join(",");
}
