// One data file per split: JSON Lines, or a JSON list with one record per line (LLaVA), so a reader
// can still point at "record N". Large exports hash and write their files on a thread of their own
// (threaded-files.ts); small ones in line, where the thread's start-up would cost more than it saves.
import path from "node:path";
import { splitFileName } from "./formats";
import type { ExportFormat, SplitFile } from "./formats/types";
import { HashedFile, type FileDigest } from "./hashed-file";
import { ThreadedFiles } from "./threaded-files";

/** Records from which an export writes on a thread of its own. */
export const THREADED_WRITER_MIN_RECORDS = 50_000;

interface Output {
  write(file: number, text: string): void;
  drain(): Promise<void>;
  close(): Promise<FileDigest[]>;
  destroy(): Promise<void>;
}

/** The same interface over one HashedFile per split, written on this thread. */
class InlineFiles implements Output {
  private readonly files: HashedFile[] = [];

  open(absolutePath: string, relativePath: string): number {
    this.files.push(new HashedFile(absolutePath, relativePath));
    return this.files.length - 1;
  }

  write(file: number, text: string) {
    this.files[file].write(text);
  }

  async drain() {}

  async close() {
    return this.files.map((f) => f.close());
  }

  async destroy() {
    for (const f of this.files) f.destroy();
  }
}

export class SplitFiles {
  readonly files: SplitFile[];
  private readonly output: Output;
  private readonly handles: number[];
  private readonly written: number[];

  constructor(
    dir: string,
    private readonly format: ExportFormat,
    splitNames: string[],
    { threaded }: { threaded: boolean },
  ) {
    this.files = splitNames.map((split) => ({ split, path: splitFileName(format, split) }));
    const output = threaded ? new ThreadedFiles() : new InlineFiles();
    this.output = output;
    try {
      this.handles = this.files.map((f) => output.open(path.join(dir, f.path), f.path));
    } catch (error) {
      void output.destroy(); // closes the files opened so far
      throw error;
    }
    this.written = splitNames.map(() => 0);
  }

  /** Appends one serialized record (no trailing newline) to a split. */
  add(split: number, json: string): void {
    const list = this.format.container === "json";
    const text = list ? (this.written[split] === 0 ? "[\n" : ",\n") + json : `${json}\n`;
    this.written[split]++;
    this.output.write(this.handles[split], text);
  }

  /** Between pages: waits if the writer is behind (bounded memory); throws if writing failed. */
  drain(): Promise<void> {
    return this.output.drain();
  }

  async close(): Promise<FileDigest[]> {
    if (this.format.container === "json") {
      for (let s = 0; s < this.handles.length; s++) this.output.write(this.handles[s], this.written[s] === 0 ? "[]\n" : "\n]\n");
    }
    return this.output.close();
  }

  destroy(): Promise<void> {
    return this.output.destroy();
  }
}
