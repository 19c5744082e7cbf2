// JSONL manifest import: streamed line by line (constant memory), lines processed with bounded
// concurrency, each line all-or-nothing in one transaction, re-runs skip what is already there.
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import type { Db } from "../db/client";
import { InvalidInputError, NotFoundError } from "../errors";
import { ImageRejected } from "../images/errors";
import { displayFilename, insertAsset, isUniqueViolation, prepareAsset, type AssetMeta } from "../images/ingest";
import { DEFAULT_IMAGE_LIMITS } from "../images/limits";
import { NearDuplicateIndex, type NearDuplicate } from "../images/near-duplicates";
import { checkFileSize, sha256Hex } from "../images/pipeline";
import { Semaphore } from "../images/slots";
import { parseProjectSettings, type ProjectSettings } from "../projects/settings";
import type { Storage } from "../storage/types";
import { createImportedItem, findImportedItem } from "./item-writer";
import { countContentLines, readLines, type InputLine } from "./lines";
import { ManifestLineError, parseManifestLine, type ManifestEntry } from "./manifest-line";
import { importOptionsSchema, type ImportOptions } from "./options";
import { realPathInside, resolveInside, UnsafePath } from "./paths";
import { KeyedLock, runPool } from "./pool";
import { ReportBuilder, type ImportEntryResult, type ImportReport } from "./report";
import { isSqliteBusy, lockForWriting, providerOf } from "../db/provider";

/**
 * Attempts of one line when SQLite stays busy past its timeout. Not the cause of the SQLITE_BUSY this used
 * to patch over (reads of other lines slipping into a line's open transaction before its lock, fixed in
 * lib/db/sqlite-serial.ts; a transaction of the web app whose first statement read — adding a project
 * member, Prisma's upsert being a SELECT then an INSERT — fixed with lockForWriting and now caught by
 * lib/db/write-discipline.ts), but a safety net for a web app that holds the write lock longer than the
 * busy timeout (a CPU-starved process on an overloaded machine: seen once in four 2,000-line load tests
 * at load ≈ 18 on 2 cores). Nothing of a line is written when it fails, so running it again is safe.
 */
const BUSY_ATTEMPTS = 3;

/** A line whose image cannot be used; becomes "line N: image: …" (`rejectCode` when the image itself was refused). */
class ImageProblem extends InvalidInputError {
  constructor(
    message: string,
    readonly rejectCode?: string,
  ) {
    super("image", message);
  }
}

export async function importManifest(db: Db, storage: Storage, options: ImportOptions & { manifest: string }): Promise<ImportReport> {
  const settings = importOptionsSchema.parse(options);
  const manifest = path.resolve(options.manifest);
  const stat = await fsp.stat(manifest).catch(() => null);
  if (!stat?.isFile()) throw new InvalidInputError("manifest", `Not a file: ${options.manifest}`);
  const baseDir = path.dirname(manifest);
  const limits = { ...DEFAULT_IMAGE_LIMITS, ...options.limits };
  const project = await db.project.findUnique({ where: { id: settings.projectId }, select: { settings: true } });
  if (!project) throw new NotFoundError("project", settings.projectId, { field: "projectId" });
  const projectSettings: ProjectSettings = parseProjectSettings(project.settings);
  const index = await NearDuplicateIndex.load(db, settings.projectId);
  const report = new ReportBuilder(await countContentLines(manifest), options.onProgress, settings.collectResults);
  // Lines with the same image run one after another, so the image's asset is created once and a
  // repeated (image, question) pair is seen as already imported.
  const perImage = new KeyedLock();
  const manifestName = path.basename(manifest);

  // As for folders: `concurrency` images in the CPU-heavy step, twice as many lines in flight.
  const cpu = new Semaphore(settings.concurrency);
  const lines = readLines(fs.createReadStream(manifest));
  await runPool(lines, settings.concurrency * 2, async (line) => {
    if ("text" in line && line.text.trim() === "") return;
    report.add(await importLine(line));
  });
  return report.report;

  async function importLine(line: InputLine): Promise<ImportEntryResult> {
    let file = "";
    try {
      if ("error" in line) throw new ManifestLineError(line.number, [line.error]);
      const entry = parseManifestLine(line.number, line.text, projectSettings);
      file = entry.image;
      const buffer = await readImage(entry);
      const sha256 = await sha256Hex(buffer);
      return await perImage.run(sha256, () => writeLine(entry, buffer, sha256));
    } catch (error) {
      const failed = { file, line: line.number, nearDuplicates: [] };
      if (error instanceof ManifestLineError) return { ...failed, status: "failed", error: error.message };
      if (error instanceof ImageProblem) {
        const status = error.rejectCode ? "rejected" : "failed";
        return { ...failed, status, error: `line ${line.number}: image: ${error.message}`, ...(error.rejectCode ? { code: error.rejectCode } : {}) };
      }
      return { ...failed, status: "failed", error: `line ${line.number}: ${error instanceof Error ? error.message : String(error)}` };
    }
  }

  async function readImage(entry: ManifestEntry): Promise<Buffer> {
    let real: string;
    try {
      real = await realPathInside(baseDir, resolveInside(baseDir, entry.image));
    } catch (error) {
      if (error instanceof UnsafePath) throw new ImageProblem(error.message);
      if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new ImageProblem(`file not found: ${entry.image}`);
      throw error;
    }
    const stat = await fsp.stat(real);
    if (!stat.isFile()) throw new ImageProblem(`not a file: ${entry.image}`);
    try {
      checkFileSize(stat.size, entry.image, limits);
    } catch (error) {
      if (error instanceof ImageRejected) throw new ImageProblem(error.reason, error.rejectCode);
      throw error;
    }
    return fsp.readFile(real);
  }

  async function writeLine(entry: ManifestEntry, buffer: Buffer, sha256: string): Promise<ImportEntryResult> {
    const meta: AssetMeta = {
      projectId: settings.projectId,
      filename: displayFilename(entry.image),
      source: entry.source ?? settings.source,
      license: entry.license ?? settings.license,
      attribution: entry.attribution ?? settings.attribution,
      uploadedById: settings.uploadedById,
    };
    const base = { file: entry.image, line: entry.line };
    // Two attempts: if another process creates the same asset between our check and our insert,
    // the transaction rolls back and the second attempt uses that asset (more when SQLite stays busy).
    for (let attempt = 1; ; attempt++) {
      const prepared = await prepareAsset(db, storage, buffer, meta, { limits, index, sha256, cpu });
      if (prepared.kind === "rejected") throw new ImageProblem(prepared.error.reason, prepared.error.rejectCode);
      if (prepared.kind === "existing") {
        const existing = await findImportedItem(db, settings.projectId, prepared.asset.id, entry.item.question);
        if (existing) return { ...base, status: "duplicate", assetId: prepared.asset.id, duplicateOf: existing.id, nearDuplicates: [] };
      }
      let nearDuplicates: NearDuplicate[] = [];
      try {
        if (prepared.kind === "new") nearDuplicates = await prepared.matches();
        const written = await db.$transaction(async (tx) => {
          await lockForWriting(tx, providerOf(db)); // reads, then writes
          const asset = prepared.kind === "new" ? await insertAsset(tx, prepared.image, meta, nearDuplicates, { index: prepared.index, provider: providerOf(db) }) : prepared.asset;
          const again = prepared.kind === "existing" ? await findImportedItem(tx, settings.projectId, asset.id, entry.item.question) : null;
          if (again) return { assetId: asset.id, duplicateOf: again.id };
          const item = await createImportedItem(tx, entry, { projectId: settings.projectId, assetId: asset.id, actorId: settings.uploadedById, settings: projectSettings, manifest: manifestName });
          return { assetId: asset.id, itemId: item.id };
        });
        if (prepared.kind === "new") prepared.settle(written.assetId);
        if (written.duplicateOf) return { ...base, status: "duplicate", assetId: written.assetId, duplicateOf: written.duplicateOf, nearDuplicates: [] };
        return { ...base, status: "imported", assetId: written.assetId, itemId: written.itemId, nearDuplicates };
      } catch (error) {
        if (prepared.kind === "new") prepared.settle(null);
        if (attempt < 2 && isUniqueViolation(error)) continue;
        if (attempt < BUSY_ATTEMPTS && isSqliteBusy(error)) continue;
        throw error;
      }
    }
  }
}
