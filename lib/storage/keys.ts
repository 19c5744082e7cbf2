// Storage keys are content addresses (images) or export archive names made of a slug and a job id. Whatever reaches a driver has passed this strict pattern,
// so no user-supplied name or path ever becomes a filesystem path or an S3 key.

import { InvalidInputError } from "../errors";

const SHA256 = /^[0-9a-f]{64}$/;
const KEY_PATTERN = /^(?:originals\/[0-9a-f]{64}|display\/[0-9a-f]{64}\.webp|thumbs\/[0-9a-f]{64}\.webp|exports\/[a-z0-9][a-z0-9-]{0,160}\.tar\.gz)$/;
const ARCHIVE_NAME = /^[a-z0-9][a-z0-9-]{0,160}$/;

/** A storage key or sha256 that is not one we make: refused before it reaches a path or a bucket. */
export class InvalidStorageKey extends InvalidInputError {
  constructor(message: string) {
    super("key", message);
  }
}

export function isStorageKey(key: string): boolean {
  return KEY_PATTERN.test(key);
}

export function assertStorageKey(key: string): string {
  if (typeof key !== "string" || !KEY_PATTERN.test(key)) {
    const shown = String(key).slice(0, 80).replace(/[^\x20-\x7e]/g, "?");
    throw new InvalidStorageKey(`invalid storage key "${shown}": expected originals/<sha256>, display/<sha256>.webp, thumbs/<sha256>.webp or exports/<name>.tar.gz`);
  }
  return key;
}

function checkSha(sha256: string): string {
  if (!SHA256.test(sha256)) throw new InvalidStorageKey(`not a sha256 (64 lower-case hex digits): "${String(sha256).slice(0, 80)}"`);
  return sha256;
}

/** The original bytes, exactly as uploaded. */
export const originalKey = (sha256: string) => `originals/${checkSha(sha256)}`;
/** The ≤ 2048 px WebP shown in the editor. */
export const displayKey = (sha256: string) => `display/${checkSha(sha256)}.webp`;
/** The ≤ 256 px WebP for grids. */
export const thumbnailKey = (sha256: string) => `thumbs/${checkSha(sha256)}.webp`;

/** An export archive (lib/export/archive-store.ts), named after its project and job: `<slug>-<job id>`. */
export function exportArchiveKey(name: string): string {
  if (!ARCHIVE_NAME.test(name)) throw new InvalidStorageKey(`not an export archive name (lowercase letters, digits and dashes): "${String(name).slice(0, 80)}"`);
  return `exports/${name}.tar.gz`;
}

/** Content type of a derived image key; originals carry theirs in the Asset row. */
export function contentTypeForKey(key: string): string {
  if (key.endsWith(".webp")) return "image/webp";
  return key.endsWith(".tar.gz") ? "application/gzip" : "application/octet-stream";
}
