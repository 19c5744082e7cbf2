import fs from "node:fs/promises";
import path from "node:path";
import { InvalidInputError } from "../errors";

/** A manifest's image path that is not acceptable; the message is for the `image` field. */
export class UnsafePath extends InvalidInputError {
  constructor(message: string) {
    super("image", message);
  }
}

/**
 * Resolves an image path from a manifest against the manifest's folder. Only relative paths that stay
 * inside that folder are accepted: no absolute paths, drive letters, URLs or `..` escapes.
 */
export function resolveInside(baseDir: string, relative: string): string {
  if (relative.includes("\0")) throw new UnsafePath("contains a NUL character");
  const slashed = relative.trim().replace(/\\/g, "/");
  if (slashed === "") throw new UnsafePath("is empty");
  if (/^[a-z][a-z0-9+.-]*:/i.test(slashed)) throw new UnsafePath(`must be a path relative to the manifest, not a URL or drive ("${relative}")`);
  if (path.posix.isAbsolute(slashed)) throw new UnsafePath(`must be relative to the manifest's folder, not absolute ("${relative}")`);
  const normalized = path.posix.normalize(slashed);
  if (normalized === ".." || normalized.startsWith("../")) throw new UnsafePath(`must stay inside the manifest's folder ("${relative}" escapes it with ..)`);
  return path.join(path.resolve(baseDir), normalized);
}

/** The real path of `file`, refused when a symlink leads outside `baseDir`. */
export async function realPathInside(baseDir: string, file: string): Promise<string> {
  const [realBase, realFile] = await Promise.all([fs.realpath(baseDir), fs.realpath(file)]);
  if (!realFile.startsWith(realBase + path.sep)) throw new UnsafePath("leads outside the manifest's folder through a symbolic link");
  return realFile;
}
