// <out>.tar.gz from the finished export folder, streamed: entries in path order with fixed owner,
// mode and time, so the same folder always gives the same archive bytes.
import fs from "node:fs";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import tar from "tar-stream";
import { digestTap } from "./digest-tap";

export interface ArchiveResult {
  bytes: number;
  sha256: string;
}

/**
 * Packs `files` (paths relative to `dir`, "/"-separated) under the top-level folder `prefix`.
 * `mtime` stamps every entry (the export's created time).
 */
export async function writeTarGz(dir: string, files: string[], prefix: string, target: string, mtime: Date, signal?: AbortSignal): Promise<ArchiveResult> {
  const pack = tar.pack();
  const tap = digestTap();
  const written = pipeline(pack, zlib.createGzip({ level: 6 }), tap.stream, fs.createWriteStream(target, { flags: "wx" }), { signal });
  const header = { uid: 0, gid: 0, uname: "", gname: "", mtime };
  try {
    await entry(pack, { ...header, name: `${prefix}/`, type: "directory", mode: 0o755 });
    const dirs = new Set<string>();
    for (const file of [...files].sort()) {
      signal?.throwIfAborted();
      // Directory entries first, so every extractor creates them with sane permissions.
      const parts = file.split("/");
      for (let i = 1; i < parts.length; i++) {
        const sub = parts.slice(0, i).join("/");
        if (dirs.has(sub)) continue;
        dirs.add(sub);
        await entry(pack, { ...header, name: `${prefix}/${sub}/`, type: "directory", mode: 0o755 });
      }
      const absolute = path.join(dir, file);
      const { size } = await fs.promises.stat(absolute);
      const sink = pack.entry({ ...header, name: `${prefix}/${file}`, type: "file", mode: 0o644, size });
      await pipeline(fs.createReadStream(absolute), sink);
    }
    pack.finalize();
  } catch (error) {
    pack.destroy(error as Error);
    await written.catch(() => {});
    throw error;
  }
  await written;
  return tap.digest();
}

function entry(pack: tar.Pack, headers: Partial<tar.Header> & { name: string }): Promise<void> {
  return new Promise((resolve, reject) => pack.entry(headers, (error) => (error ? reject(error) : resolve())));
}
