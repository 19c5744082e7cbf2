// runExport: plan splits, stream records page by page into a temporary folder, write the manifest and
// dataset card, then move the result into place in one rename. A crashed or cancelled export leaves
// no output (at most a hidden .tmp folder), never a folder that looks finished.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { setImmediate as nextTurn } from "node:timers/promises";
import type { Db } from "../db/client";
import { ConflictError, NotFoundError } from "../errors";
import { parseProjectSettings } from "../projects/settings";
import { freezeTestImages, loadFrozenTestImages } from "../splits/frozen";
import { TEST_SPLIT } from "../splits/schemas";
import { writeTarGz } from "./archive";
import { formatByName } from "./formats";
import type { ExportFormat, FormatContext } from "./formats/types";
import { HashedFile, type FileDigest } from "./hashed-file";
import { HeapGuard } from "./heap-guard";
import { ImageCopier, InlineImages, type ImageStore } from "./images";
import { buildManifest, exportTimestamp, type ExportCounts, type Manifest } from "./manifest";
import { planSplits, type SplitPlan } from "./plan";
import { imagePath } from "./prompt";
import { buildReadme } from "./readme";
import { readRecordPages } from "./reader";
import { buildSrtRecord, type RecordContext, type RecordSource } from "./record";
import type { RecordSerializer } from "./record-json";
import { parseExportParams, type ExportParams, type ExportParamsInput } from "./schemas";
import { SplitFiles, THREADED_WRITER_MIN_RECORDS } from "./split-files";
import { ExportTally } from "./tally";
import { lockForWriting, providerOf } from "../db/provider";

export interface ExportProgress {
  phase: "planning" | "writing" | "packing";
  done: number;
  total: number;
}

export interface RunExportOptions {
  projectId: string;
  /** The export folder to create; with `tar`, the archive is this path + ".tar.gz". */
  outDir: string;
  /** Replace an existing output instead of refusing. */
  overwrite?: boolean;
  /** Fixes manifest.created_at (default: SOURCE_DATE_EPOCH, else now). */
  createdAt?: Date;
  actorId?: string | null;
  exportJobId?: string | null;
  pageSize?: number;
  /** Hash and write the data files on a thread of their own (default: from THREADED_WRITER_MIN_RECORDS records). */
  threadedWriter?: boolean;
  onProgress?: (progress: ExportProgress) => void;
  signal?: AbortSignal;
}

export interface ExportResult {
  outputPath: string;
  /** sha256 of the archive, or of manifest.json (which lists every file's sha256) for a folder. */
  sha256: string;
  counts: ExportCounts;
  manifest: Manifest;
}

/** The output folder or archive is already there (and not empty): 409 on `out`. */
export class OutputExists extends ConflictError {
  constructor(finalPath: string) {
    super(`${finalPath} already exists (choose another folder or overwrite it).`, { field: "out" });
  }
}

function isEmptyDir(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory() && fs.readdirSync(p).length === 0;
  } catch {
    return false;
  }
}

export async function runExport(db: Db, storage: ImageStore, paramsInput: ExportParamsInput, options: RunExportOptions): Promise<ExportResult> {
  const params = parseExportParams(paramsInput);
  const { signal, onProgress = () => {} } = options;
  const format = formatByName(params.format);
  // Plain SQL: a model query of a new shape costs the first export in a process a query compilation.
  const [project] = await db.$queryRaw<{ id: string; slug: string; name: string; settings: unknown }[]>`
    SELECT "id", "slug", "name", "settings" FROM "Project" WHERE "id" = ${options.projectId}`;
  if (!project) throw new NotFoundError("project", options.projectId, { field: "projectId" });
  const settings = parseProjectSettings(typeof project.settings === "string" ? JSON.parse(project.settings) : project.settings);

  const outDir = path.resolve(options.outDir);
  const finalPath = params.tar ? `${outDir}.tar.gz` : outDir;
  if (fs.existsSync(finalPath) && !options.overwrite && !isEmptyDir(finalPath)) {
    throw new OutputExists(finalPath);
  }
  const createdAt = exportTimestamp(options.createdAt);
  fs.mkdirSync(path.dirname(outDir), { recursive: true });
  const nonce = `${process.pid}-${randomBytes(4).toString("hex")}`;
  const temp = path.join(path.dirname(outDir), `.${path.basename(outDir)}.tmp-${nonce}`);
  const tempArchive = `${temp}.tar.gz`;
  fs.mkdirSync(temp);

  let splitFiles: SplitFiles | undefined;
  try {
    onProgress({ phase: "planning", done: 0, total: 0 });
    const heap = new HeapGuard();
    const frozen = params.frozenTest ? await loadFrozenTestImages(db, project.id) : new Set<string>();
    const plan = await planSplits(db, {
      projectId: project.id,
      params,
      nearDuplicateThreshold: settings.nearDuplicateThreshold,
      frozen,
      signal,
    });
    heap.check(); // planning's rows are garbage now: collected before the first page, not kept under the pages
    const names = plan.splitNames;
    const total = plan.records;
    onProgress({ phase: "writing", done: 0, total });

    splitFiles = new SplitFiles(temp, format, names, { threaded: options.threadedWriter ?? total >= THREADED_WRITER_MIN_RECORDS });
    const testIndex = names.indexOf(TEST_SPLIT);
    const tally = new ExportTally(names, plan.assetCount, params.frozenTest && testIndex >= 0 ? testIndex : null);
    const inline = params.format === "openai" && params.imageMode === "data-url" ? new InlineImages(storage) : null;
    // Inline (data URL) and text-only exports carry no image files.
    const copier = params.copyImages && params.variant !== "text-only" && !inline ? new ImageCopier(storage, temp) : null;

    const recordContext = { variant: params.variant, responseTemplate: settings.responseTemplate };
    const serialize = format.serializer?.(recordContext);

    for await (const page of readRecordPages(db, { projectId: project.id, params, pageSize: options.pageSize, signal })) {
      await writePage(page, { plan, names, tally, splitFiles, format, params, recordContext, serialize, copier, inline, signal });
      onProgress({ phase: "writing", done: tally.records, total });
      heap.check();
      await splitFiles.drain();
      // Reading (better-sqlite3) and writing are synchronous: let timers, requests and a cancel in between pages.
      await nextTurn();
    }

    const files: FileDigest[] = [...(await splitFiles.close()), ...(copier?.files ?? [])];
    for (const extra of format.extraFiles?.(splitFiles.files, params.variant) ?? []) {
      files.push(writeWhole(temp, extra.path, extra.content));
    }
    const counts = tally.counts();
    const manifestBase = {
      created_at: createdAt.toISOString(),
      project: { id: project.id, slug: project.slug, name: project.name },
      parameters: params,
      grouping: { near_duplicate_threshold: settings.nearDuplicateThreshold, images: plan.images, groups: plan.groups, pinned_to_test: plan.pinnedGroups },
      counts,
      licenses: tally.licenses(),
    };
    // The dataset card is listed in the manifest; the manifest cannot list itself.
    const readme = buildReadme(buildManifest({ ...manifestBase, files }), format, splitFiles.files, tally.inFirstTurn);
    files.push(writeWhole(temp, "README.md", readme));
    const manifest = buildManifest({ ...manifestBase, files });
    const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
    fs.writeFileSync(path.join(temp, "manifest.json"), manifestText);

    let sha256 = createHash("sha256").update(manifestText).digest("hex");
    if (params.tar) {
      onProgress({ phase: "packing", done: tally.records, total });
      const archive = await writeTarGz(temp, [...files.map((f) => f.path), "manifest.json"], path.basename(outDir), tempArchive, createdAt, signal);
      sha256 = archive.sha256;
    }
    signal?.throwIfAborted();
    // Frozen before the output appears: a crash in between leaves frozen images and no export,
    // which the next export handles (they stay in test); never an export whose test set is not frozen.
    if (tally.testImages.size > 0) {
      await db.$transaction(async (tx) => {
        await lockForWriting(tx, providerOf(db));
        await freezeTestImages(tx, { projectId: project.id, sha256s: tally.testImages, exportJobId: options.exportJobId ?? null, actorId: options.actorId ?? null });
      });
    }
    if (params.tar) {
      replaceInto(tempArchive, finalPath);
      fs.rmSync(temp, { recursive: true, force: true });
    } else {
      replaceInto(temp, finalPath);
    }
    return { outputPath: finalPath, sha256, counts, manifest };
  } catch (error) {
    await splitFiles?.destroy();
    fs.rmSync(temp, { recursive: true, force: true });
    fs.rmSync(tempArchive, { force: true });
    throw error;
  }
}

interface PageWriting {
  plan: SplitPlan;
  names: string[];
  tally: ExportTally;
  splitFiles: SplitFiles;
  format: ExportFormat;
  params: ExportParams;
  recordContext: Omit<RecordContext, "split">;
  serialize: RecordSerializer | undefined;
  copier: ImageCopier | null;
  inline: InlineImages | null;
  signal: AbortSignal | undefined;
}

/** One page's records into their splits' files (a function of its own: runExport stays cheap to compile). */
async function writePage(page: RecordSource[], w: PageWriting): Promise<void> {
  const { plan, names, tally, params } = w;
  const withImage = params.variant !== "text-only"; // a record's image is null exactly in text-only
  for (const source of page) {
    const asset = plan.assetIndex(source.item.assetId);
    const split = asset === undefined ? -1 : plan.splitAt(asset);
    if (asset === undefined || split < 0) {
      tally.skipped++; // changed after planning (e.g. a new image or item)
      continue;
    }
    const ctx: FormatContext = {};
    if (withImage) {
      const { sha256, mime } = source.asset;
      if (w.copier) await w.copier.copy(sha256, mime, w.signal);
      if (params.format === "openai") ctx.imageUrl = w.inline ? await w.inline.url(sha256, mime) : imagePath(sha256, mime);
    }
    const text = w.serialize ? w.serialize(source, names[split]) : JSON.stringify(w.format.toJson(buildSrtRecord(source, { ...w.recordContext, split: names[split] }), ctx));
    w.splitFiles.add(split, text);
    tally.add(split, asset, source);
  }
}

function writeWhole(dir: string, relative: string, content: string): FileDigest {
  const file = new HashedFile(path.join(dir, relative), relative);
  file.write(content);
  return file.close();
}

/** Moves a finished file or folder to its final path; an existing one is moved aside first, then removed. */
function replaceInto(source: string, target: string) {
  if (fs.existsSync(target) && !isEmptyDir(target)) {
    const aside = `${target}.old-${process.pid}-${randomBytes(4).toString("hex")}`;
    fs.renameSync(target, aside);
    fs.renameSync(source, target);
    fs.rmSync(aside, { recursive: true, force: true });
    return;
  }
  if (isEmptyDir(target)) fs.rmdirSync(target);
  fs.renameSync(source, target);
}
