import { randomBytes } from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { assertStorageKey, contentTypeForKey } from "./keys";
import type { Storage, StoredObject, StoredObjectInfo, StoredRange } from "./types";

/** Files under one root folder, laid out as the keys say (originals/…, display/…, thumbs/…). */
export class LocalStorage implements Storage {
  readonly driver = "local";
  readonly root: string;
  // Keys use three folders; remembering that they exist saves a mkdir per write.
  private readonly folders = new Set<string>();

  constructor(root: string) {
    this.root = path.resolve(root);
  }

  private pathFor(key: string): string {
    const file = path.join(this.root, assertStorageKey(key));
    // The key pattern already rules out traversal; this keeps it true if the pattern ever changes.
    if (!file.startsWith(this.root + path.sep)) throw new Error(`storage key escapes the storage root: ${key}`);
    return file;
  }

  // The content type is implied by the key (derived images) or kept in the Asset row (originals).
  async put(key: string, data: Uint8Array, _contentType?: string): Promise<void> {
    await this.writeAtomically(key, (temp) => fsp.writeFile(temp, data));
  }

  async putFile(key: string, source: string, _contentType?: string): Promise<void> {
    await this.writeAtomically(key, (temp) => fsp.copyFile(source, temp));
  }

  // Write beside, then rename: readers see the whole file or none, and concurrent writers of the
  // same key (same content) simply replace each other.
  private async writeAtomically(key: string, write: (temp: string) => Promise<void>): Promise<void> {
    const file = this.pathFor(key);
    const folder = path.dirname(file);
    if (!this.folders.has(folder)) {
      await fsp.mkdir(folder, { recursive: true });
      this.folders.add(folder);
    }
    const temp = `${file}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`;
    try {
      await write(temp).catch(async (error: NodeJS.ErrnoException) => {
        if (error.code !== "ENOENT" || !(await isMissing(folder))) throw error;
        await fsp.mkdir(folder, { recursive: true }); // the folder was removed since we made it
        await write(temp);
      });
      await fsp.rename(temp, file);
    } catch (error) {
      await fsp.rm(temp, { force: true });
      throw error;
    }
  }

  async get(key: string, range?: StoredRange): Promise<StoredObject | null> {
    const file = this.pathFor(key);
    let handle: fsp.FileHandle;
    try {
      handle = await fsp.open(file, "r");
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
    const { size } = await handle.stat();
    if (range) return { stream: handle.createReadStream({ start: range.start, end: range.end }), size: range.end - range.start + 1, contentType: contentTypeForKey(key) };
    return { stream: handle.createReadStream(), size, contentType: contentTypeForKey(key) };
  }

  async head(key: string): Promise<StoredObjectInfo | null> {
    try {
      const stat = await fsp.stat(this.pathFor(key));
      return stat.isFile() ? { size: stat.size, contentType: contentTypeForKey(key) } : null;
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async has(key: string): Promise<boolean> {
    try {
      return (await fsp.stat(this.pathFor(key))).isFile();
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await fsp.rm(this.pathFor(key), { force: true });
  }
}

function isNotFound(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === "ENOENT";
}

async function isMissing(folder: string): Promise<boolean> {
  return fsp.stat(folder).then(() => false, () => true);
}

/** For tests and tools: does the folder hold leftover temp files? */
export function listTempFiles(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return (fs.readdirSync(root, { recursive: true }) as string[]).filter((f) => f.endsWith(".tmp"));
}
