// manifest.json: what was exported, how, and the sha256 of every file. `created_at` is the only field
// that changes between two runs over the same data with the same parameters (and it can be fixed).
import packageJson from "../../package.json";
import type { FileDigest } from "./hashed-file";
import { SRT_SCHEMA_VERSION } from "./record";
import type { ExportParams } from "./schemas";
import type { StrataCounts } from "./strata";

export const MANIFEST_VERSION = 1;
export const TOOL = { name: "srt-studio", version: packageJson.version };

export interface SplitCounts {
  records: number;
  images: number;
  by_kind_answer_type: StrataCounts;
}

export interface ExportCounts {
  records: number;
  images: number;
  /** Records left out because their data changed while the export ran (e.g. a new image). */
  skipped: number;
  splits: Record<string, SplitCounts>;
}

export interface LicenseCount {
  license: string;
  source: string;
  images: number;
}

export interface Manifest {
  manifest_version: number;
  schema_version: number;
  tool: typeof TOOL;
  created_at: string;
  project: { id: string; slug: string; name: string };
  format: string;
  variant: string;
  seed: string | number;
  parameters: ExportParams;
  grouping: { near_duplicate_threshold: number; images: number; groups: number; pinned_to_test: number };
  counts: ExportCounts;
  licenses: LicenseCount[];
  files: FileDigest[];
}

export function buildManifest(input: Omit<Manifest, "manifest_version" | "schema_version" | "tool" | "format" | "variant" | "seed">): Manifest {
  return {
    manifest_version: MANIFEST_VERSION,
    schema_version: SRT_SCHEMA_VERSION,
    tool: TOOL,
    created_at: input.created_at,
    project: input.project,
    format: input.parameters.format,
    variant: input.parameters.variant,
    seed: input.parameters.seed,
    parameters: input.parameters,
    grouping: input.grouping,
    counts: input.counts,
    licenses: input.licenses,
    files: [...input.files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)),
  };
}

/** The export's timestamp: explicit, else SOURCE_DATE_EPOCH (reproducible builds), else now. */
export function exportTimestamp(explicit?: Date, env: Record<string, string | undefined> = process.env): Date {
  if (explicit) return explicit;
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== "") {
    if (!/^\d+$/.test(epoch)) throw new Error(`SOURCE_DATE_EPOCH: expected whole seconds since 1970, got "${epoch}"`);
    return new Date(Number(epoch) * 1000);
  }
  return new Date();
}
