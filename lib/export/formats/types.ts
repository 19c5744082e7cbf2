import type { RecordSerializer } from "../record-json";
import type { RecordContext, SrtRecord } from "../record";
import type { ExportFormatName, ExportVariant } from "../schemas";

/** The marker trainers replace with image features (LLaVA, LLaMA-Factory). */
export const IMAGE_TAG = "<image>";

export interface FormatContext {
  /** openai: the image as a data URL or relative path, prepared by the export (null in text-only). */
  imageUrl?: string | null;
}

export interface FormatCheck {
  /** Problems with this record, each naming its field ("conversations.0.value: …"). */
  errors: string[];
  /** Image paths the record refers to, relative to its file's folder (checked for existence by validate). */
  images: string[];
}

export interface SplitFile {
  split: string;
  path: string;
}

export interface ExportFormat {
  name: ExportFormatName;
  /** jsonl: one record per line; json: one JSON list per split file (LLaVA). */
  container: "jsonl" | "json";
  /** The canonical record in this format's published shape. */
  toJson(record: SrtRecord, ctx: FormatContext): unknown;
  /**
   * A faster way to the same text, for formats that need no per-record context: exactly
   * JSON.stringify(toJson(buildSrtRecord(source, ctx), {})) for every source and split.
   */
  serializer?(options: Omit<RecordContext, "split">): RecordSerializer;
  /** Checks one parsed record against the format's rules (and, for srt, the SRT consistency lints). */
  check(value: unknown): FormatCheck;
  /** Files written beside the split files (e.g. LLaMA-Factory's dataset_info.json). */
  extraFiles?(files: SplitFile[], variant: ExportVariant): { path: string; content: string }[];
  /** Markdown for the dataset card: what each record holds. */
  fields: string;
  /** Markdown for the dataset card: how to load these files. */
  loadingGuide(files: SplitFile[], variant: ExportVariant): string;
}

export function countImageTags(text: string): number {
  return text.split(IMAGE_TAG).length - 1;
}
