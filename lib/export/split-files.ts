// One data file per split: JSON Lines, or a JSON list with one record per line (LLaVA), so a reader
// can still point at "record N".
import path from "node:path";
import { splitFileName } from "./formats";
import type { ExportFormat, SplitFile } from "./formats/types";
import { HashedFile, type FileDigest } from "./hashed-file";

export class SplitFiles {
  readonly files: SplitFile[];
  private readonly outputs: HashedFile[];
  private readonly written: number[];

  constructor(
    dir: string,
    private readonly format: ExportFormat,
    splitNames: string[],
  ) {
    this.files = splitNames.map((split) => ({ split, path: splitFileName(format, split) }));
    this.outputs = this.files.map((f) => new HashedFile(path.join(dir, f.path), f.path));
    this.written = splitNames.map(() => 0);
  }

  /** Appends one serialized record (no trailing newline) to a split. */
  add(split: number, json: string): void {
    const list = this.format.container === "json";
    const text = list ? (this.written[split] === 0 ? "[\n" : ",\n") + json : `${json}\n`;
    this.written[split]++;
    this.outputs[split].write(text);
  }

  close(): FileDigest[] {
    const digests: FileDigest[] = [];
    for (let s = 0; s < this.outputs.length; s++) {
      if (this.format.container === "json") this.outputs[s].write(this.written[s] === 0 ? "[]\n" : "\n]\n");
      digests.push(this.outputs[s].close());
    }
    return digests;
  }

  destroy() {
    for (const output of this.outputs) output.destroy();
  }
}
