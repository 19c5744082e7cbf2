import type { ExportFormatName } from "../schemas";
import { llava } from "./llava";
import { openai } from "./openai";
import { sharegpt } from "./sharegpt";
import { srt } from "./srt";
import { trl } from "./trl";
import type { ExportFormat } from "./types";

export const FORMATS: Record<ExportFormatName, ExportFormat> = { srt, llava, sharegpt, openai, trl };

export function formatByName(name: ExportFormatName): ExportFormat {
  return FORMATS[name];
}

/** The data file of one split: train.jsonl, or train.json for LLaVA's JSON lists. */
export function splitFileName(format: ExportFormat, split: string): string {
  return `${split}.${format.container === "json" ? "json" : "jsonl"}`;
}

