import { z } from "zod";

/** Free-text provenance fields of an asset. */
const provenance = (max: number) => z.string().trim().max(max, `at most ${max} characters`).default("");

export const ingestInputSchema = z.object({
  projectId: z.string().min(1, "required"),
  buffer: z.instanceof(Buffer, { message: "must be the file's bytes (a Buffer)" }),
  filename: z.string().max(1_000).default(""),
  source: provenance(500),
  license: provenance(200),
  attribution: provenance(500),
  uploadedById: z.string().min(1).nullish(),
});
export type IngestInput = z.input<typeof ingestInputSchema>;

export const ASSET_FILTERS = ["all", "without-items", "near-duplicates"] as const;
export type AssetFilter = (typeof ASSET_FILTERS)[number];

export const listAssetsOptionsSchema = z.object({
  cursor: z.string().max(200).nullish(),
  limit: z.number().int().min(1).max(200).default(50),
  filter: z.enum(ASSET_FILTERS).default("all"),
});
export type ListAssetsOptions = z.input<typeof listAssetsOptionsSchema>;

/** The asset browser's cursor: the last row's (createdAt, id), newest first. */
export const assetCursorSchema = z.object({ t: z.iso.datetime(), id: z.string().min(1).max(64) });
