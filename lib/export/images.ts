// Images into the export: each original copied once to images/<sha256>.<ext>, verified against its
// content hash on the way (a corrupted store fails the export instead of shipping a wrong picture).
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { digestTap } from "./digest-tap";
import type { Storage } from "../storage/types";
import { originalKey } from "../storage/keys";
import type { FileDigest } from "./hashed-file";
import { imagePath } from "./prompt";

/** What the export needs from storage: reading originals. */
export type ImageStore = Pick<Storage, "get">;

export class ImageCopier {
  private readonly copied = new Set<string>();
  readonly files: FileDigest[] = [];

  constructor(
    private readonly store: ImageStore,
    private readonly dir: string,
  ) {}

  /** Copies the image unless it is already in the folder; returns its relative path. */
  async copy(sha256: string, mime: string, signal?: AbortSignal): Promise<string> {
    const relative = imagePath(sha256, mime);
    if (this.copied.has(sha256)) return relative;
    const object = await this.store.get(originalKey(sha256));
    if (!object) throw new Error(`image ${sha256}: not found in storage (${originalKey(sha256)})`);
    const target = path.join(this.dir, relative);
    await fs.promises.mkdir(path.dirname(target), { recursive: true });
    const tap = digestTap();
    await pipeline(object.stream, tap.stream, fs.createWriteStream(target, { flags: "wx" }), { signal });
    const { bytes, sha256: actual } = tap.digest();
    if (actual !== sha256) throw new Error(`image ${sha256}: the stored bytes hash to ${actual}; storage is corrupted`);
    this.copied.add(sha256);
    this.files.push({ path: relative, bytes, sha256 });
    return relative;
  }
}

/** Data URLs for consecutive records of one image (an item's follow-ups) are built once. */
export class InlineImages {
  private last = { sha256: "", url: "" };

  constructor(private readonly store: ImageStore) {}

  async url(sha256: string, mime: string): Promise<string> {
    if (this.last.sha256 !== sha256) this.last = { sha256, url: await imageDataUrl(this.store, sha256, mime) };
    return this.last.url;
  }
}

/** The image as a base64 data URL (openai format), read straight from storage. */
export async function imageDataUrl(store: ImageStore, sha256: string, mime: string): Promise<string> {
  const object = await store.get(originalKey(sha256));
  if (!object) throw new Error(`image ${sha256}: not found in storage (${originalKey(sha256)})`);
  const chunks: Buffer[] = [];
  for await (const chunk of object.stream) chunks.push(chunk as Buffer);
  return `data:${mime};base64,${Buffer.concat(chunks).toString("base64")}`;
}
