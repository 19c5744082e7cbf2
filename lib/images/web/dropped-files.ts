// Files out of a drop or a folder picker, folders walked recursively. Written against the shape of
// the browser's FileSystemEntry API (webkitGetAsEntry) so it can be tested without a browser.
import type { PickedFile } from "./upload-queue";

interface EntryBase {
  name: string;
  /** "/folder/sub/a.png" for entries of a dropped folder. */
  fullPath: string;
  isFile: boolean;
  isDirectory: boolean;
}

export interface FileEntryLike<F> extends EntryBase {
  file(success: (file: F) => void, error?: (error: unknown) => void): void;
}

export interface DirectoryEntryLike<F> extends EntryBase {
  createReader(): { readEntries(success: (entries: EntryLike<F>[]) => void, error?: (error: unknown) => void): void };
}

export type EntryLike<F> = FileEntryLike<F> | DirectoryEntryLike<F>;

/** One DataTransferItem, read during the drop event (both must be taken before the event ends). */
export interface DroppedItem<F> {
  entry: EntryLike<F> | null;
  file: F | null;
}

interface FileLike {
  name: string;
  size: number;
  webkitRelativePath?: string;
}

export interface CollectedFiles<F> {
  files: PickedFile<F>[];
  /** Hidden files and folders left out (.DS_Store, .git/), as the command-line folder import does. */
  skipped: number;
  /** Entries the browser could not read (permissions, vanished files). */
  errors: string[];
}

/** A name or path any of whose segments starts with a dot. */
export function isHidden(path: string): boolean {
  return path.split("/").some((segment) => segment.startsWith("."));
}

const readFile = <F>(entry: FileEntryLike<F>) => new Promise<F>((resolve, reject) => entry.file(resolve, reject));

const readBatch = <F>(reader: ReturnType<DirectoryEntryLike<F>["createReader"]>) =>
  new Promise<EntryLike<F>[]>((resolve, reject) => reader.readEntries(resolve, reject));

function describe(error: unknown): string {
  return error instanceof Error ? error.message : typeof error === "object" && error && "name" in error ? String((error as { name: unknown }).name) : String(error);
}

export async function collectDroppedFiles<F extends FileLike>(items: DroppedItem<F>[]): Promise<CollectedFiles<F>> {
  const out: CollectedFiles<F> = { files: [], skipped: 0, errors: [] };
  const visit = async (entry: EntryLike<F>): Promise<void> => {
    const path = entry.fullPath.replace(/^\/+/, "") || entry.name;
    if (isHidden(entry.name)) {
      out.skipped++;
      return;
    }
    if (entry.isFile) {
      try {
        const file = await readFile(entry as FileEntryLike<F>);
        out.files.push({ file, name: path, size: file.size });
      } catch (error) {
        out.errors.push(`${path}: ${describe(error)}`);
      }
      return;
    }
    if (!entry.isDirectory) return;
    const reader = (entry as DirectoryEntryLike<F>).createReader();
    const children: EntryLike<F>[] = [];
    try {
      // readEntries answers in batches (100 at a time in Chromium) until it returns none.
      for (let batch = await readBatch(reader); batch.length > 0; batch = await readBatch(reader)) children.push(...batch);
    } catch (error) {
      out.errors.push(`${path}/: ${describe(error)}`);
    }
    children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const child of children) await visit(child);
  };
  for (const item of items) {
    if (item.entry) await visit(item.entry);
    else if (item.file) {
      // A file without a file-system entry (e.g. from a script-made DataTransfer): taken as it is.
      if (isHidden(item.file.name)) out.skipped++;
      else out.files.push({ file: item.file, name: item.file.name, size: item.file.size });
    }
  }
  return out;
}

/** Files of an <input type="file"> (multiple, or webkitdirectory with relative paths). */
export function collectInputFiles<F extends FileLike>(files: Iterable<F>): CollectedFiles<F> {
  const out: CollectedFiles<F> = { files: [], skipped: 0, errors: [] };
  for (const file of files) {
    const name = file.webkitRelativePath || file.name;
    if (isHidden(name)) out.skipped++;
    else out.files.push({ file, name, size: file.size });
  }
  return out;
}
