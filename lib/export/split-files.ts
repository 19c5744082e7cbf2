// One data file per split, filled page by page: JSON Lines, or a JSON list with one record per line
// (LLaVA), so a reader can still point at "record N".
import path from "node:path";
import { splitFileName, type ExportFormat, type SplitFile } from "./formats";
import { HashedFile, type FileDigest } from "./hashed-file";

export class SplitFiles {
  readonly files: SplitFile[];
  private readonly outputs: HashedFile[];
  private readonly pending: string[][];
  private readonly written: number[];

  constructor(
    dir: string,
    private readonly format: ExportFormat,
    splitNames: string[],
  ) {
    this.files = splitNames.map((split) => ({ split, path: splitFileName(format, split) }));
    this.outputs = this.files.map((f) => new HashedFile(path.join(dir, f.path), f.path));
    this.pending = splitNames.map(() => []);
    this.written = splitNames.map(() => 0);
  }

  /** Queues one serialized record (no trailing newline) for a split. */
  add(split: number, json: string) {
    const list = this.format.container === "json";
    const separator = list ? (this.written[split] === 0 ? "[\n" : ",\n") : "";
    this.pending[split].push(list ? separator + json : `${json}\n`);
    this.written[split]++;
  }

  /** Writes what was queued: one write per split per page. */
  async flush() {
    for (let s = 0; s < this.outputs.length; s++) {
      if (this.pending[s].length === 0) continue;
      await this.outputs[s].write(this.pending[s].join(""));
      this.pending[s] = [];
    }
  }

  async close(): Promise<FileDigest[]> {
    await this.flush();
    const digests: FileDigest[] = [];
    for (let s = 0; s < this.outputs.length; s++) {
      if (this.format.container === "json") await this.outputs[s].write(this.written[s] === 0 ? "[]\n" : "\n]\n");
      digests.push(await this.outputs[s].close());
    }
    return digests;
  }

  destroy() {
    for (const output of this.outputs) output.destroy();
  }
}
