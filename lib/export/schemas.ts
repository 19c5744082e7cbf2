import { z } from "zod";
import { DEFAULT_SPLITS, splitsSchema } from "../splits/schemas";
import { ITEM_STATUSES } from "../items/status";

export const EXPORT_FORMATS = ["srt", "llava", "sharegpt", "openai", "trl"] as const;
export type ExportFormatName = (typeof EXPORT_FORMATS)[number];

/** srt: the reflective reply; naive: only the final answer (naive-SFT baseline); text-only: caption instead of image. */
export const EXPORT_VARIANTS = ["srt", "naive", "text-only"] as const;
export type ExportVariant = (typeof EXPORT_VARIANTS)[number];

/** How the openai format points at an image: an inline base64 data URL or the relative file path. */
export const IMAGE_MODES = ["data-url", "path"] as const;
export type ImageMode = (typeof IMAGE_MODES)[number];

export const exportFiltersSchema = z
  .object({
    /** Item statuses to export; APPROVED unless asked otherwise. */
    statuses: z.array(z.enum(ITEM_STATUSES)).min(1, "choose at least one status").default(["APPROVED"]),
    /** Items carrying at least one of these tags; [] = no tag filter. */
    tags: z.array(z.string().trim().min(1, "a tag cannot be empty").max(64)).max(50).default([]),
    /** Minimum mean rubric score (1–5) over the item's reviews; items without reviews are left out when set. */
    minScore: z.number().min(1, "scores run from 1 to 5").max(5, "scores run from 1 to 5").nullable().default(null),
    includeGold: z.boolean().default(true),
    /**
     * Leave out follow-ups whose rationale a model drafted and nobody edited (FollowUp.draftOrigin MODEL).
     * Optional without a default, so parameters that do not set it keep their stored bytes.
     */
    excludeModelUnedited: z.boolean().optional(),
  })
  .strict();

export const exportParamsSchema = z
  .object({
    format: z.enum(EXPORT_FORMATS).default("srt"),
    variant: z.enum(EXPORT_VARIANTS).default("srt"),
    seed: z.union([z.number().int().min(0), z.string().trim().min(1).max(100)]).default(42),
    splits: splitsSchema.default(DEFAULT_SPLITS),
    filters: exportFiltersSchema.prefault({}),
    imageMode: z.enum(IMAGE_MODES).default("data-url"),
    /** Copy images into images/ (off: records still name images/<sha256>.<ext>; bring the files yourself). */
    copyImages: z.boolean().default(true),
    /** Also pack the folder as <out>.tar.gz (the archive then is the output). */
    tar: z.boolean().default(false),
    /** Keep images exported in test there on later exports, and freeze this export's test images. */
    frozenTest: z.boolean().default(false),
  })
  .strict()
  .superRefine((params, ctx) => {
    if (params.frozenTest && !params.splits.some((s) => s.name === "test")) {
      ctx.addIssue({ code: "custom", path: ["frozenTest"], message: 'a frozen test set needs a split named "test"' });
    }
  });

export type ExportParams = z.output<typeof exportParamsSchema>;
export type ExportParamsInput = z.input<typeof exportParamsSchema>;
export type ExportFilters = ExportParams["filters"];

/** Validated params; throws a ZodError whose issues name the field (e.g. "filters.minScore"). */
export function parseExportParams(input: unknown): ExportParams {
  return exportParamsSchema.parse(input ?? {});
}
