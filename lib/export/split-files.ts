// One data file per split: JSON Lines, or a JSON list with one record per line (LLaVA), so a reader
// can still point at "record N". Hashed and written on a thread of their own (threaded-files.ts).
import path from "node:path";
import { splitFileName } from "./formats";
import type { ExportFormat, SplitFile } from "./formats/types";
import type { FileDigest } from "./hashed-file";
import { ThreadedFiles } from "./threaded-files";

export class SplitFiles {
  readonly files: SplitFile[];
  private readonly output = new ThreadedFiles();
  private readonly handles: number[];
  private readonly written: number[];

  constructor(
    dir: string,
    private readonly format: ExportFormat,
    splitNames: string[],
  ) {
    this.files = splitNames.map((split) => ({ split, path: splitFileName(format, split) }));
    try {
      this.handles = this.files.map((f) => this.output.open(path.join(dir, f.path), f.path));
    } catch (error) {
      void this.output.destroy(); // closes the files opened so far
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
