// runExport: plan splits, stream records page by page into a temporary folder, write the manifest and
// dataset card, then move the result into place in one rename. A crashed or cancelled export leaves
// no output (at most a hidden .tmp folder), never a folder that looks finished.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type { Db } from "../db/client";
import { parseProjectSettings } from "../projects/settings";
import { freezeTestImages, loadFrozenTestImages } from "../splits/frozen";
import { TEST_SPLIT } from "../splits/schemas";
import { writeTarGz } from "./archive";
import { formatByName, type FormatContext } from "./formats";
import { HashedFile, type FileDigest } from "./hashed-file";
import { ImageCopier, imageDataUrl, type ImageStore } from "./images";
import { buildManifest, exportTimestamp, type ExportCounts, type LicenseCount, type Manifest } from "./manifest";
import { planSplits } from "./plan";
import { buildReadme } from "./readme";
import { readRecordPages } from "./reader";
import { buildSrtRecord } from "./record";
import { parseExportParams, type ExportParamsInput } from "./schemas";
import { SplitFiles } from "./split-files";
import { STRATA_COUNT, stratumIndex, strataCounts } from "./strata";

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

export class OutputExists extends Error {}

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
  const project = await db.project.findUnique({ where: { id: options.projectId }, select: { id: true, slug: true, name: true, settings: true } });
  if (!project) throw new Error(`project ${options.projectId}: not found`);
  const settings = parseProjectSettings(project.settings);

  const outDir = path.resolve(options.outDir);
  const finalPath = params.tar ? `${outDir}.tar.gz` : outDir;
  if (fs.existsSync(finalPath) && !options.overwrite && !isEmptyDir(finalPath)) {
    throw new OutputExists(`out: ${finalPath} already exists (choose another folder or overwrite it)`);
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
    const frozen = params.frozenTest ? await loadFrozenTestImages(db, project.id) : new Set<string>();
    const plan = await planSplits(db, {
      projectId: project.id,
      params,
      nearDuplicateThreshold: settings.nearDuplicateThreshold,
      frozen,
      signal,
    });
    const names = plan.splitNames;
    const total = plan.records;
    onProgress({ phase: "writing", done: 0, total });

    splitFiles = new SplitFiles(temp, format, names);
    const inlineImages = params.format === "openai" && params.imageMode === "data-url";
    const copier = params.copyImages && params.variant !== "text-only" && !inlineImages ? new ImageCopier(storage, temp) : null;
    const cells = names.map(() => new Int32Array(STRATA_COUNT));
    const imagesPerSplit = names.map(() => 0);
    // One byte per image, not a set of hashes: memory stays small at 100k+ images.
    const seenImages = new Uint8Array(plan.assetCount);
    let imageCount = 0;
    const licenses = new Map<string, LicenseCount>();
    const testIndex = names.indexOf(TEST_SPLIT);
    const testImages = new Set<string>();
    let lastDataUrl = { sha256: "", url: "" };
    let done = 0;
    let skipped = 0;

    for await (const page of readRecordPages(db, { projectId: project.id, params, pageSize: options.pageSize, signal })) {
      for (const source of page) {
        const asset = plan.assetIndex(source.item.assetId);
        const split = asset === undefined ? -1 : plan.splitAt(asset);
        if (asset === undefined || split < 0) {
          skipped++; // changed after planning (e.g. a new image or item)
          continue;
        }
        const record = buildSrtRecord(source, { split: names[split], variant: params.variant, responseTemplate: settings.responseTemplate });
        const { sha256, mime } = source.asset;
        if (seenImages[asset] === 0) {
          seenImages[asset] = 1;
          imageCount++;
          imagesPerSplit[split]++;
          const key = `${source.asset.license}\u0000${source.asset.source}`;
          const entry = licenses.get(key) ?? { license: source.asset.license, source: source.asset.source, images: 0 };
          entry.images++;
          licenses.set(key, entry);
          if (split === testIndex && params.frozenTest) testImages.add(sha256);
        }
        const ctx: FormatContext = {};
        if (record.image !== null) {
          if (copier) await copier.copy(sha256, mime, signal);
          if (params.format === "openai") {
            if (!inlineImages) ctx.imageUrl = record.image;
            else {
              if (lastDataUrl.sha256 !== sha256) lastDataUrl = { sha256, url: await imageDataUrl(storage, sha256, mime) };
              ctx.imageUrl = lastDataUrl.url;
            }
          }
        }
        const writing = splitFiles.add(split, JSON.stringify(format.toJson(record, ctx)));
        if (writing) await writing;
        cells[split][stratumIndex(source.followUp.kind, source.item.answerType)]++;
        done++;
      }
      onProgress({ phase: "writing", done, total });
    }

    const files: FileDigest[] = [...(await splitFiles.close()), ...(copier?.files ?? [])];
    for (const extra of format.extraFiles?.(splitFiles.files, params.variant) ?? []) {
      files.push(await writeWhole(temp, extra.path, extra.content));
    }
    const counts: ExportCounts = {
      records: done,
      images: imageCount,
      skipped,
      splits: Object.fromEntries(
        names.map((name, s) => [name, { records: cells[s].reduce((a, b) => a + b, 0), images: imagesPerSplit[s], by_kind_answer_type: strataCounts(cells[s]) }]),
      ),
    };
    const manifestBase = {
      created_at: createdAt.toISOString(),
      project: { id: project.id, slug: project.slug, name: project.name },
      parameters: params,
      grouping: { near_duplicate_threshold: settings.nearDuplicateThreshold, images: plan.images, groups: plan.groups, pinned_to_test: plan.pinnedGroups },
      counts,
      licenses: [...licenses.values()].sort((a, b) => b.images - a.images || cmp(a.license, b.license) || cmp(a.source, b.source)),
    };
    // The dataset card is listed in the manifest; the manifest cannot list itself.
    const readme = buildReadme(buildManifest({ ...manifestBase, files }), format, splitFiles.files);
    files.push(await writeWhole(temp, "README.md", readme));
    const manifest = buildManifest({ ...manifestBase, files });
    const manifestText = `${JSON.stringify(manifest, null, 2)}\n`;
    fs.writeFileSync(path.join(temp, "manifest.json"), manifestText);

    let sha256 = createHash("sha256").update(manifestText).digest("hex");
    if (params.tar) {
      onProgress({ phase: "packing", done, total });
      const archive = await writeTarGz(temp, [...files.map((f) => f.path), "manifest.json"], path.basename(outDir), tempArchive, createdAt, signal);
      sha256 = archive.sha256;
    }
    signal?.throwIfAborted();
    if (params.frozenTest && testImages.size > 0) {
      await db.$transaction((tx) =>
        freezeTestImages(tx, { projectId: project.id, sha256s: testImages, exportJobId: options.exportJobId ?? null, actorId: options.actorId ?? null }),
      );
    }
    if (params.tar) {
      replaceInto(tempArchive, finalPath);
      fs.rmSync(temp, { recursive: true, force: true });
    } else {
      replaceInto(temp, finalPath);
    }
    return { outputPath: finalPath, sha256, counts, manifest };
  } catch (error) {
    splitFiles?.destroy();
    fs.rmSync(temp, { recursive: true, force: true });
    fs.rmSync(tempArchive, { force: true });
    throw error;
  }
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

async function writeWhole(dir: string, relative: string, content: string): Promise<FileDigest> {
  const file = new HashedFile(path.join(dir, relative), relative);
  await file.write(content);
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
