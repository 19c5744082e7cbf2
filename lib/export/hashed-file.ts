// A file written through a sha256 and a byte count, with backpressure, so manifests need no second read.
import { createHash, type Hash } from "node:crypto";
import fs from "node:fs";
import { once } from "node:events";

export interface FileDigest {
  /** Path relative to the export folder, with "/" separators. */
  path: string;
  bytes: number;
  sha256: string;
}

export class HashedFile {
  private readonly stream: fs.WriteStream;
  private readonly hash: Hash = createHash("sha256");
  private bytes = 0;
  private failure: Error | null = null;

  constructor(
    readonly absolutePath: string,
    readonly relativePath: string,
  ) {
    this.stream = fs.createWriteStream(absolutePath, { flags: "wx" });
    // Errors surface on the next write or on close (events.once also rejects on "error" while waiting).
    this.stream.on("error", (error) => (this.failure ??= error));
  }

  async write(chunk: string | Buffer): Promise<void> {
    if (this.failure) throw this.failure;
    const data = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
    if (data.length === 0) return;
    this.hash.update(data);
    this.bytes += data.length;
    if (!this.stream.write(data)) await once(this.stream, "drain");
  }

  async close(): Promise<FileDigest> {
    if (this.failure) throw this.failure;
    const finished = once(this.stream, "close");
    this.stream.end();
    await finished;
    if (this.failure) throw this.failure;
    return { path: this.relativePath, bytes: this.bytes, sha256: this.hash.digest("hex") };
  }

  /** Stops writing without a digest (cancelled or failed exports). */
  destroy() {
    this.stream.destroy();
  }
}
