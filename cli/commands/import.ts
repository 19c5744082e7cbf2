import fs from "node:fs";
import { parseArgs } from "node:util";
import { getDb } from "../../lib/db/client";
import type { ImportReport } from "../../lib/import/report";
import { projectBySlug } from "../../lib/projects/projects";
import { UsageError, type CliCommand } from "../command";
import { ProgressBar, table } from "../progress";

const MAX_FAILURES_SHOWN = 30;

export const command: CliCommand = {
  name: "import",
  summary: "Import a folder of images, or items from a JSONL manifest, into a project",
  usage:
    "srt import --project <slug> <folder | manifest.jsonl> [--concurrency N] [--source S] [--license L] [--attribution A]\n" +
    "  Re-runs are safe: images already in the project and manifest lines already imported are skipped.\n" +
    "  Exit code 1 when any file or line failed (the others are imported).",
  async run(argv) {
    const { values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        project: { type: "string" },
        concurrency: { type: "string" },
        source: { type: "string" },
        license: { type: "string" },
        attribution: { type: "string" },
      },
    });
    if (!values.project) throw new UsageError("--project is required");
    if (positionals.length !== 1) throw new UsageError("give one folder or one .jsonl manifest");
    const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
    if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 64)) {
      throw new UsageError(`--concurrency: a whole number from 1 to 64, got "${values.concurrency}"`);
    }
    const target = positionals[0];
    const stat = fs.statSync(target, { throwIfNoEntry: false });
    const kind = stat?.isDirectory() ? "folder" : stat?.isFile() && /\.(jsonl|ndjson)$/i.test(target) ? "manifest" : null;
    if (!kind) throw new UsageError(stat ? `${target}: expected a folder or a .jsonl manifest` : `${target}: no such file or folder`);

    // Loaded here, not at the top: every `srt` command loads every command file, and the image
    // stack (sharp, storage drivers) should not slow down the others.
    const [{ importFolder }, { importManifest }, { getStorage }, { imageLimitsFromEnv }] = await Promise.all([
      import("../../lib/import/folder"),
      import("../../lib/import/manifest"),
      import("../../lib/storage"),
      import("../../lib/images/limits"),
    ]);
    const db = getDb();
    const project = await projectBySlug(db, values.project);
    const bar = new ProgressBar(kind === "folder" ? "images" : "lines", 0);
    const options = {
      projectId: project.id,
      concurrency,
      source: values.source,
      license: values.license,
      attribution: values.attribution,
      limits: imageLimitsFromEnv(), // IMAGE_MAX_PIXELS, IMAGE_MAX_BYTES
      collectResults: false,
      onProgress: (done: number, total: number) => bar.show(done, total),
    };
    const report =
      kind === "folder"
        ? await importFolder(db, getStorage(), { ...options, folder: target })
        : await importManifest(db, getStorage(), { ...options, manifest: target });
    bar.finish();
    printReport(report, kind);
    return report.failedLines.length > 0 ? 1 : 0;
  },
};

function printReport(report: ImportReport, kind: "folder" | "manifest") {
  const unit = kind === "folder" ? "images" : "items";
  const failed = report.failedLines.length - report.rejected;
  console.log(
    table([
      ["result", "count"],
      [`imported (new ${unit})`, report.imported],
      ["  with possible near-duplicates", report.nearDuplicates],
      [kind === "folder" ? "already in the project" : "already imported", report.duplicates],
      ["rejected images", report.rejected],
      ...(kind === "manifest" ? [["failed lines", failed]] : failed > 0 ? [["failed files", failed]] : []),
    ]),
  );
  if (report.failedLines.length === 0) return;
  console.error(`\n${report.failedLines.length} ${kind === "folder" ? "file(s)" : "line(s)"} not imported:`);
  const sorted = [...report.failedLines].sort((a, b) => (a.line ?? 0) - (b.line ?? 0) || a.file.localeCompare(b.file));
  for (const failure of sorted.slice(0, MAX_FAILURES_SHOWN)) console.error(`  ${failure.error}`);
  if (sorted.length > MAX_FAILURES_SHOWN) console.error(`  … and ${sorted.length - MAX_FAILURES_SHOWN} more`);
}
