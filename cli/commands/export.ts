import { parseArgs } from "node:util";
import { ZodError } from "zod";
import { getDb } from "../../lib/db/client";
import { runExport } from "../../lib/export/run";
import { EmptyExportError, refuseEmptyExport } from "../../lib/export/empty";
import { exportParamsFromText } from "../../lib/export/params-text";
import { exportParamsSchema, parseExportParams, type ExportParamsInput } from "../../lib/export/schemas";
import { projectBySlug } from "../../lib/projects/projects";
import { getStorage } from "../../lib/storage";
import { UsageError, type CliCommand } from "../command";
import { runInterruptibly } from "../interruptible";
import { ProgressBar, table } from "../progress";

// Zod paths of the export params → the flags that set them, so errors name what the user typed.
const FLAG_OF: Record<string, string> = {
  format: "--format",
  variant: "--variant",
  seed: "--seed",
  splits: "--splits",
  imageMode: "--image-mode",
  frozenTest: "--frozen-test",
  "filters.statuses": "--statuses",
  "filters.tags": "--tags",
  "filters.minScore": "--min-score",
};

function parseParams(values: Record<string, string | boolean | undefined>): ExportParamsInput {
  const str = (name: string) => values[name] as string | undefined;
  const input = exportParamsFromText({
    format: str("format"),
    variant: str("variant"),
    seed: str("seed"),
    splits: str("splits"),
    statuses: str("statuses"),
    tags: str("tags"),
    minScore: str("min-score"),
    includeGold: values["no-gold"] ? false : undefined,
    excludeModelUnedited: values["exclude-model-unedited"] === true,
    imageMode: str("image-mode"),
    copyImages: values["no-images"] ? false : undefined,
    tar: values.tar === true,
    frozenTest: values["frozen-test"] === true,
  });
  const parsed = exportParamsSchema.safeParse(input);
  if (!parsed.success) throw new UsageError(describe(parsed.error));
  return parsed.data;
}

function describe(error: ZodError): string {
  return error.issues
    .map((issue) => {
      const key = issue.path.filter((p) => typeof p === "string").join(".");
      const flag = FLAG_OF[key] ?? FLAG_OF[key.split(".").slice(0, 2).join(".")] ?? key;
      return `${flag}: ${issue.message}`;
    })
    .join("\n");
}

export const command: CliCommand = {
  name: "export",
  summary: "Export approved follow-ups as deterministic training splits (srt, llava, sharegpt, openai, trl)",
  usage: [
    "srt export --project <slug> --out <dir> [--format srt|llava|sharegpt|openai|trl] [--variant srt|naive|text-only]",
    "           [--seed 42] [--splits train=0.8,val=0.1,test=0.1] [--tar] [--min-score N] [--tags a,b] [--no-gold] [--exclude-model-unedited]",
    "           [--statuses APPROVED,…] [--image-mode data-url|path] [--no-images] [--frozen-test]",
    "           [--created-at <ISO time>] [--force] [--allow-empty]",
  ].join("\n"),
  async run(argv) {
    const { values } = parseArgs({
      args: argv,
      options: {
        project: { type: "string" },
        out: { type: "string" },
        format: { type: "string" },
        variant: { type: "string" },
        seed: { type: "string" },
        splits: { type: "string" },
        tar: { type: "boolean" },
        "min-score": { type: "string" },
        tags: { type: "string" },
        "no-gold": { type: "boolean" },
        "exclude-model-unedited": { type: "boolean" },
        statuses: { type: "string" },
        "image-mode": { type: "string" },
        "no-images": { type: "boolean" },
        "frozen-test": { type: "boolean" },
        "created-at": { type: "string" },
        force: { type: "boolean" },
        "allow-empty": { type: "boolean" },
      },
    });
    if (!values.project) throw new UsageError("--project is required");
    const outDir = values.out;
    if (!outDir) throw new UsageError("--out is required");
    const params = parseParams(values);
    let createdAt: Date | undefined;
    if (values["created-at"] !== undefined) {
      createdAt = new Date(values["created-at"]);
      if (Number.isNaN(createdAt.getTime())) throw new UsageError(`--created-at: "${values["created-at"]}" is not a date (use e.g. 2026-01-31T12:00:00Z)`);
    }

    const db = getDb();
    const project = await projectBySlug(db, values.project);
    // Filters that select nothing would write empty files: refused unless confirmed.
    try {
      await refuseEmptyExport(db, project.id, parseExportParams(params), values["allow-empty"] === true);
    } catch (error) {
      if (error instanceof EmptyExportError) throw new UsageError("no follow-up matches these filters, so the export would be empty; change --statuses, --tags or --min-score, or pass --allow-empty");
      throw error;
    }
    const bar = new ProgressBar("export", 0);
    let phase = "";
    return runInterruptibly(
      async (signal) => {
        const result = await runExport(db, getStorage(), params, {
          projectId: project.id,
          outDir,
          overwrite: values.force === true,
          createdAt,
          signal,
          onProgress: (p) => {
            if (p.phase !== phase) {
              if (phase === "writing") bar.finish();
              phase = p.phase;
              if (p.phase === "planning") process.stderr.write("planning splits (grouping near-duplicate images)…\n");
              if (p.phase === "packing") process.stderr.write("packing the archive…\n");
            }
            if (p.phase === "writing") bar.show(p.done, p.total);
          },
        });
        if (phase === "writing") bar.finish();
        const splits = Object.entries(result.counts.splits);
        console.log(table([["split", "records", "images"], ...splits.map(([name, c]) => [name, c.records, c.images]), ["total", result.counts.records, result.counts.images]]));
        if (result.counts.skipped > 0) console.log(`${result.counts.skipped} record(s) skipped: their images were added during the export`);
        console.log(`\n${result.outputPath}\nsha256 ${result.sha256}`);
        return 0;
      },
      () => "export interrupted; nothing was written",
    );
  },
};
