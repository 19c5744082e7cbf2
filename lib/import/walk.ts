import fs from "node:fs/promises";
import path from "node:path";

/**
 * Regular files under `root`, recursively, as paths relative to it, in a stable (sorted) order, one
 * directory in memory at a time. Hidden entries (".DS_Store", ".git/") are skipped, and so are
 * symbolic links, so a walk can never loop or leave the folder.
 */
export async function* walkFiles(root: string, relative = ""): AsyncGenerator<string> {
  const entries = await fs.readdir(path.join(root, relative), { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith(".")) continue;
    const child = relative ? path.join(relative, entry.name) : entry.name;
    if (entry.isDirectory()) yield* walkFiles(root, child);
    else if (entry.isFile()) yield child;
  }
}

export async function countFiles(root: string): Promise<number> {
  let count = 0;
  for await (const _ of walkFiles(root)) count++;
  return count;
}
