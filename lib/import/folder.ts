// Folder import: every regular file under a folder, ingested with bounded concurrency.
import fs from "node:fs/promises";
import path from "node:path";
import type { Db } from "../db/client";
import { InvalidInputError } from "../errors";
import { ImageRejected } from "../images/errors";
import { ingestImage } from "../images/ingest";
import { DEFAULT_IMAGE_LIMITS } from "../images/limits";
import { NearDuplicateIndex } from "../images/near-duplicates";
import { checkFileSize } from "../images/pipeline";
import { Semaphore } from "../images/slots";
import type { Storage } from "../storage/types";
import { importOptionsSchema, type ImportOptions } from "./options";
import { runPool } from "./pool";
import { ReportBuilder, type ImportEntryResult, type ImportReport } from "./report";
import { countFiles, walkFiles } from "./walk";

export async function importFolder(db: Db, storage: Storage, options: ImportOptions & { folder: string }): Promise<ImportReport> {
  const settings = importOptionsSchema.parse(options);
  const folder = path.resolve(options.folder);
  const stat = await fs.stat(folder).catch(() => null);
  if (!stat?.isDirectory()) throw new InvalidInputError("folder", `Not a directory: ${options.folder}`);
  const limits = { ...DEFAULT_IMAGE_LIMITS, ...options.limits };
  const index = await NearDuplicateIndex.load(db, settings.projectId);
  const report = new ReportBuilder(await countFiles(folder), options.onProgress, settings.collectResults);

  // `concurrency` images are decoded/encoded at once; twice as many are in flight, so one image's
  // reading, storing and committing overlaps another's CPU work instead of idling a core.
  const cpu = new Semaphore(settings.concurrency);
  await runPool(walkFiles(folder), settings.concurrency * 2, async (file) => {
    report.add(await importFile(file));
  });
  return report.report;

  async function importFile(file: string): Promise<ImportEntryResult> {
    try {
      const full = path.join(folder, file);
      // A huge file is refused from its size, before it is read into memory.
      checkFileSize((await fs.stat(full)).size, file, limits);
      const result = await ingestImage(
        db,
        storage,
        { projectId: settings.projectId, buffer: await fs.readFile(full), filename: file, source: settings.source, license: settings.license, attribution: settings.attribution, uploadedById: settings.uploadedById },
        { limits, index, cpu },
      );
      return {
        file,
        status: result.status,
        assetId: result.asset?.id,
        duplicateOf: result.duplicateOf,
        nearDuplicates: result.nearDuplicates,
        ...(result.status === "rejected" ? { error: `${file}: ${result.reason}${result.detail ? ` (${result.detail})` : ""}`, code: result.code } : {}),
      };
    } catch (error) {
      if (error instanceof ImageRejected) return { file, status: "rejected", nearDuplicates: [], error: error.message, code: error.rejectCode };
      return { file, status: "failed", nearDuplicates: [], error: `${file}: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
}
