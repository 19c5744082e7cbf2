// Export parameters typed as text (the web form's fields, the CLI's flags) → the input of
// exportParamsSchema, with one rule for each field so that the same text gives the same export everywhere.

export interface ExportParamsText {
  format?: string;
  variant?: string;
  seed?: string;
  /** "train=0.8,val=0.1,test=0.1", or one ratio per split name (the form's fields). */
  splits?: string | { name: string; ratio: string }[];
  /** A comma-separated list or the checked values; any case. */
  statuses?: string | string[];
  /** Comma-separated. */
  tags?: string;
  /** "" means no minimum. */
  minScore?: string;
  includeGold?: boolean;
  /** Leave out model-drafted rationales nobody edited; false or absent: keep them. */
  excludeModelUnedited?: boolean;
  imageMode?: string;
  copyImages?: boolean;
  tar?: boolean;
  frozenTest?: boolean;
}

/**
 * The seed rule: digits are a number (so "42" typed and 42 sent as JSON give the same split), any other
 * text is a string seed, blank means the default.
 */
export function exportSeed<T>(value: T | string): T | string | number | undefined {
  if (typeof value !== "string") return value;
  const text = value.trim();
  if (text === "") return undefined;
  return /^\d+$/.test(text) ? Number(text) : text;
}

const commaList = (text: string) =>
  text
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

/** A ratio as typed; blank is NaN so the schema names the split's field instead of silently using 0. */
const ratio = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

/** Text → export params input (still to be checked by exportParamsSchema, whose errors name the field). */
export function exportParamsFromText(text: ExportParamsText): Record<string, unknown> {
  const statuses = text.statuses === undefined ? undefined : (typeof text.statuses === "string" ? commaList(text.statuses) : text.statuses).map((s) => s.trim().toUpperCase());
  const minScore = text.minScore === undefined ? undefined : text.minScore.trim() === "" ? null : Number(text.minScore);
  return {
    format: text.format,
    variant: text.variant,
    seed: exportSeed(text.seed),
    splits: Array.isArray(text.splits) ? text.splits.map((s) => ({ name: s.name, ratio: ratio(s.ratio) })) : text.splits,
    filters: {
      statuses,
      tags: text.tags === undefined ? undefined : commaList(text.tags),
      minScore,
      includeGold: text.includeGold,
      // Absent unless set, so parameters without it keep their bytes (manifests, stored jobs).
      ...(text.excludeModelUnedited ? { excludeModelUnedited: true } : {}),
    },
    imageMode: text.imageMode,
    copyImages: text.copyImages,
    tar: text.tar,
    frozenTest: text.frozenTest,
  };
}
