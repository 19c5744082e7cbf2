import os from "node:os";
import { z } from "zod";
import type { ImageLimits } from "../images/limits";
import type { ProgressCallback } from "./report";

export interface ImportOptions {
  projectId: string;
  /** Images decoded and encoded at once (twice as many are read and written meanwhile); default: the number of CPU cores. */
  concurrency?: number;
  /** Provenance for every asset; a manifest line's own fields win. */
  source?: string;
  license?: string;
  attribution?: string;
  /** Recorded as the uploader and as the actor of the audit events; null for the CLI. */
  uploadedById?: string | null;
  limits?: Partial<ImageLimits>;
  onProgress?: ProgressCallback;
  /** Keep one result per entry in the report (default true; turn off for huge runs). */
  collectResults?: boolean;
}

export const importOptionsSchema = z.object({
  projectId: z.string().min(1, "required"),
  concurrency: z.number().int().min(1, "at least 1").max(64, "at most 64").default(() => os.availableParallelism()),
  source: z.string().trim().max(500).default(""),
  license: z.string().trim().max(200).default(""),
  attribution: z.string().trim().max(500).default(""),
  uploadedById: z.string().min(1).nullish().transform((v) => v ?? null),
  collectResults: z.boolean().default(true),
});
