// validateFile: streams an exported file (JSON Lines, or LLaVA's JSON list) and checks every record
// against its format's rules, the SRT consistency lints (srt format) and the images it names.
import fs from "node:fs";
import path from "node:path";
import readline from "node:readline";
import { formatByName } from "./formats";
import { jsonListElements } from "./json-list";
import type { ExportFormatName } from "./schemas";

export interface ValidationError {
  /** JSONL: the 1-based line number. JSON list: the record's 0-based index in the list. */
  line: number;
  message: string;
}

export interface ValidationResult {
  ok: boolean;
  /** What `line` counts: file lines (JSONL) or list records (JSON list). */
  unit: "line" | "record";
  records: number;
  errors: ValidationError[];
  /** More errors were found than `maxErrors`; only the first ones are listed. */
  truncated: boolean;
}

export interface ValidateOptions {
  /** Stop listing after this many errors (the file is still read to the end). */
  maxErrors?: number;
  /** Check that images named by relative path exist beside the file (default true). */
  checkImages?: boolean;
}

export async function validateFile(file: string, formatName: ExportFormatName, options: ValidateOptions = {}): Promise<ValidationResult> {
  const format = formatByName(formatName);
  const { maxErrors = 1000, checkImages = true } = options;
  const dir = path.dirname(path.resolve(file));
  const unit = format.container === "json" ? "record" : "line";
  const errors: ValidationError[] = [];
  let errorCount = 0;
  let records = 0;
  const knownImages = new Map<string, boolean>();
  const report = (line: number, message: string) => {
    errorCount++;
    if (errors.length < maxErrors) errors.push({ line, message });
  };
  const imageExists = (relative: string) => {
    let exists = knownImages.get(relative);
    if (exists === undefined) {
      exists = fs.existsSync(path.join(dir, relative));
      knownImages.set(relative, exists);
    }
    return exists;
  };
  const checkText = (line: number, text: string) => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      report(line, `not valid JSON (${(error as Error).message})`);
      return;
    }
    records++;
    const result = format.check(value);
    for (const message of result.errors) report(line, message);
    if (checkImages) for (const image of result.images) if (!imageExists(image)) report(line, `image "${image}" not found beside the file`);
  };

  const stream = fs.createReadStream(file, { encoding: "utf8" });
  if (format.container === "json") {
    for await (const event of jsonListElements(stream as AsyncIterable<string>)) {
      if (event.kind === "error") report(event.index, event.message);
      else checkText(event.index, event.text);
    }
  } else {
    const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
    let n = 0;
    for await (const line of lines) {
      n++;
      if (line.trim() === "") report(n, "empty line (JSON Lines has one record per line)");
      else checkText(n, line);
    }
  }
  return { ok: errorCount === 0, unit, records, errors, truncated: errorCount > errors.length };
}
