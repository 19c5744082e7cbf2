import fs from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { EXPORT_FORMATS, type ExportFormatName } from "../../lib/export/schemas";
import { validateFile } from "../../lib/export/validate";
import { UsageError, type CliCommand } from "../command";

/** Without --format, an exported file's format is read from the manifest.json beside it. */
function formatFromManifest(file: string): string | undefined {
  try {
    const manifest = JSON.parse(fs.readFileSync(path.join(path.dirname(file), "manifest.json"), "utf8")) as { format?: string };
    return manifest.format;
  } catch {
    return undefined;
  }
}

export const command: CliCommand = {
  name: "validate",
  summary: "Check an exported file record by record (format rules, SRT consistency lints, images)",
  usage: "srt validate <file> [--format srt|llava|sharegpt|openai|trl] [--max-errors 100] [--no-images]",
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { format: { type: "string" }, "max-errors": { type: "string" }, "no-images": { type: "boolean" } },
    });
    if (positionals.length !== 1) throw new UsageError("give exactly one file to validate");
    const file = positionals[0];
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new UsageError(`${file}: no such file`);
    const format = values.format ?? formatFromManifest(file);
    if (format === undefined) throw new UsageError("--format is required (no manifest.json beside the file says it)");
    if (!(EXPORT_FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format: "${format}" is not one of ${EXPORT_FORMATS.join(", ")}`);
    const maxErrors = values["max-errors"] === undefined ? 100 : Number(values["max-errors"]);
    if (!Number.isInteger(maxErrors) || maxErrors < 1) throw new UsageError(`--max-errors: "${values["max-errors"]}" is not a positive whole number`);

    const result = await validateFile(file, format as ExportFormatName, { maxErrors, checkImages: !values["no-images"] });
    for (const error of result.errors) console.log(`${result.unit} ${error.line}: ${error.message}`);
    if (result.truncated) console.log(`… more errors not shown (raise --max-errors)`);
    const summary = `${file}: ${result.records} record(s), ${result.ok ? "valid" : "INVALID"} (${format})`;
    console.error(summary);
    return result.ok ? 0 : 1;
  },
};
