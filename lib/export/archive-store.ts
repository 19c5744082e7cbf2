// Where a finished export job's .tar.gz lives. With local storage (the single-machine default) it stays in
// the exports folder (SRT_EXPORTS_DIR); with shared storage (S3) it is uploaded to exports/<slug>-<job>.tar.gz
// in the bucket and removed from this machine, so any app instance can serve the download, whichever
// instance or worker ran the job. ExportJob.outputPath records which: a path, or "storage:<key>".
import fs from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import { parseByteRange, type ByteRange } from "../api/range";
import { exportArchiveKey, isStorageKey } from "../storage/keys";
import type { Storage } from "../storage/types";

const STORAGE_PREFIX = "storage:";
const ARCHIVE_SUFFIX = ".tar.gz";
const ARCHIVE_TYPE = "application/gzip";

/** What publishing needs: the driver, to tell shared storage from this machine's disk, and streamed uploads. */
export type ArchiveWriter = Partial<Pick<Storage, "driver" | "putFile">>;
/** What reading a published archive needs. */
export type ArchiveReader = Pick<Storage, "head" | "get">;

type JobOutput = { status: string; outputPath: string | null };

export interface JobArchiveInfo {
  /** The download's file name: <slug>-<job id>.tar.gz. */
  filename: string;
  bytes: number;
}

/** `bytes` is the whole archive's size; `range` the part the stream holds (null: all of it). */
export type OpenedJobArchive = JobArchiveInfo & ({ stream: Readable; range: ByteRange | null } | { stream: null; range: "unsatisfiable" });

/** Shared storage is anything but this machine's folder: other instances can read what is put there. */
function isShared(storage: ArchiveWriter): storage is Required<ArchiveWriter> {
  return storage.driver !== undefined && storage.driver !== "local" && typeof storage.putFile === "function";
}

/**
 * The last step of an export job: with shared storage, streams the finished archive into it and removes
 * the local file (also when the upload fails: the job fails, nothing is left half-kept). Returns what to
 * record as ExportJob.outputPath. Folders (non-tar outputs) and local storage stay where they are.
 */
export async function publishExportArchive(storage: ArchiveWriter, outputPath: string): Promise<string> {
  if (!isShared(storage) || !outputPath.endsWith(ARCHIVE_SUFFIX)) return outputPath;
  const key = exportArchiveKey(path.basename(outputPath, ARCHIVE_SUFFIX));
  try {
    await storage.putFile(key, outputPath, ARCHIVE_TYPE);
  } finally {
    fs.rmSync(outputPath, { force: true });
  }
  return `${STORAGE_PREFIX}${key}`;
}

/** The storage key of a published archive, or null for a local path. */
export function storedArchiveKey(outputPath: string): string | null {
  if (!outputPath.startsWith(STORAGE_PREFIX)) return null;
  const key = outputPath.slice(STORAGE_PREFIX.length);
  return isStorageKey(key) && key.endsWith(ARCHIVE_SUFFIX) ? key : null;
}

/**
 * Deletes a job's archive (retention, lib/export/archive-expiry.ts): the key in storage, or the local
 * file, which must be this job's own "<slug>-<job id>.tar.gz" (never anything else a path might name).
 * Deleting what is already gone is not an error. Returns false when outputPath names no archive of the job.
 */
export async function deleteJobArchive(job: { id: string; outputPath: string | null }, storage: Pick<Storage, "delete">): Promise<boolean> {
  if (!job.outputPath?.endsWith(ARCHIVE_SUFFIX)) return false;
  const key = storedArchiveKey(job.outputPath);
  const file = key ?? job.outputPath;
  if (!path.basename(file).endsWith(`-${job.id}${ARCHIVE_SUFFIX}`)) return false;
  if (key) await storage.delete(key);
  else if (job.outputPath.startsWith(STORAGE_PREFIX)) return false;
  else await fs.promises.rm(job.outputPath, { force: true });
  return true;
}

/** The archive of a SUCCEEDED job when it is a .tar.gz that still exists (on this disk or in storage). */
export async function findJobArchive(job: JobOutput, storage: Pick<Storage, "head">): Promise<JobArchiveInfo | null> {
  if (job.status !== "SUCCEEDED" || !job.outputPath || !job.outputPath.endsWith(ARCHIVE_SUFFIX)) return null;
  const key = storedArchiveKey(job.outputPath);
  if (key) {
    const info = await storage.head(key);
    return info ? { filename: path.basename(key), bytes: info.size } : null;
  }
  if (job.outputPath.startsWith(STORAGE_PREFIX)) return null;
  try {
    const stat = await fs.promises.stat(job.outputPath);
    return stat.isFile() ? { filename: path.basename(job.outputPath), bytes: stat.size } : null;
  } catch {
    return null;
  }
}

/**
 * The archive's bytes as a stream (never held in memory), or null when there is nothing to download. With
 * a Range header, only the range it asks for (`range`), or no stream when it starts past the end (416).
 */
export async function openJobArchive(job: JobOutput, storage: ArchiveReader, rangeHeader: string | null = null): Promise<OpenedJobArchive | null> {
  if (job.status !== "SUCCEEDED" || !job.outputPath || !job.outputPath.endsWith(ARCHIVE_SUFFIX)) return null;
  const key = storedArchiveKey(job.outputPath);
  if (key) {
    const filename = path.basename(key);
    let range: ByteRange | null = null;
    let total = 0;
    if (rangeHeader) {
      const info = await storage.head(key);
      if (!info) return null;
      total = info.size;
      const asked = parseByteRange(rangeHeader, total);
      if (asked === "unsatisfiable") return { filename, bytes: total, stream: null, range: asked };
      range = asked;
    }
    const object = await storage.get(key, range ?? undefined);
    if (!object) return null;
    return { filename, bytes: range ? total : object.size, stream: object.stream, range };
  }
  if (job.outputPath.startsWith(STORAGE_PREFIX)) return null;
  let handle: fs.promises.FileHandle;
  try {
    handle = await fs.promises.open(job.outputPath, "r");
  } catch {
    return null;
  }
  const stat = await handle.stat();
  const filename = path.basename(job.outputPath);
  const range = stat.isFile() ? parseByteRange(rangeHeader, stat.size) : null;
  if (!stat.isFile() || range === "unsatisfiable") {
    await handle.close();
    return stat.isFile() ? { filename, bytes: stat.size, stream: null, range: "unsatisfiable" } : null;
  }
  return { filename, bytes: stat.size, stream: handle.createReadStream(range ?? {}), range };
}
