// A file written through a sha256 and a byte count, so manifests need no second read. Text goes
// into one reused buffer that is written when full: no large strings or buffers per page, which
// the garbage collector would only reclaim late (they live in the large-object space).
import { createHash, type Hash } from "node:crypto";
import fs from "node:fs";

export interface FileDigest {
  /** Path relative to the export folder, with "/" separators. */
  path: string;
  bytes: number;
  sha256: string;
}

const BUFFER_BYTES = 256 * 1024;

export class HashedFile {
  private handle: fs.promises.FileHandle | null = null;
  private readonly hash: Hash = createHash("sha256");
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  private bytes = 0;

  constructor(
    readonly absolutePath: string,
    readonly relativePath: string,
  ) {}

  /**
   * Queues text; it reaches the disk when the buffer fills, on flush() or on close(). Returns a promise
   * only when it had to write (await it); most calls just copy into the buffer.
   */
  write(text: string): Promise<void> | undefined {
    // 3 bytes per UTF-16 unit is the most UTF-8 needs.
    if (text.length * 3 <= BUFFER_BYTES - this.used) {
      this.used += this.buffer.write(text, this.used, "utf8");
      return undefined;
    }
    return this.flush().then(() => (text.length * 3 > BUFFER_BYTES ? this.writeBytes(Buffer.from(text, "utf8")) : void this.write(text)));
  }

  async flush(): Promise<void> {
    if (this.used === 0) return;
    const used = this.used;
    this.used = 0;
    await this.writeBytes(this.buffer.subarray(0, used));
  }

  async close(): Promise<FileDigest> {
    await this.flush();
    const handle = await this.open();
    await handle.close();
    this.handle = null;
    return { path: this.relativePath, bytes: this.bytes, sha256: this.hash.digest("hex") };
  }

  /** Stops writing without a digest (cancelled or failed exports); the caller removes the folder. */
  destroy() {
    void this.handle?.close().catch(() => {});
    this.handle = null;
  }

  private async open(): Promise<fs.promises.FileHandle> {
    // "wx": never write over a file that is already there.
    this.handle ??= await fs.promises.open(this.absolutePath, "wx");
    return this.handle;
  }

  private async writeBytes(data: Buffer) {
    const handle = await this.open();
    this.hash.update(data);
    this.bytes += data.length;
    let offset = 0;
    while (offset < data.length) offset += (await handle.write(data, offset, data.length - offset)).bytesWritten;
  }
}
