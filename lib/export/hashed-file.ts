// A file written through a sha256 and a byte count, so manifests need no second read. Text goes
// into two reused buffers: while one is being written to disk (in the thread pool), the next fills,
// so the export computes while the disk writes. No large strings or buffers per page, which the
// garbage collector would only reclaim late (they live in the large-object space).
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
  private buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  /** The other buffer, free once `inFlight` (its write) has settled. */
  private spare = Buffer.allocUnsafe(BUFFER_BYTES);
  private inFlight: Promise<void> | null = null;
  private used = 0;
  private bytes = 0;

  constructor(
    readonly absolutePath: string,
    readonly relativePath: string,
  ) {}

  /**
   * Queues text; it reaches the disk when a buffer fills, on flush() or on close(). Returns a promise
   * only when it has to wait for the disk (await it before the next write); most calls just copy into
   * the buffer.
   */
  write(text: string): Promise<void> | undefined {
    // 3 bytes per UTF-16 unit is the most UTF-8 needs.
    if (text.length * 3 <= BUFFER_BYTES - this.used) {
      this.used += this.buffer.write(text, this.used, "utf8");
      return undefined;
    }
    return this.flush().then(() => (text.length * 3 > BUFFER_BYTES ? this.settle().then(() => this.writeBytes(Buffer.from(text, "utf8"))) : void this.write(text)));
  }

  /** Starts writing the filled buffer and swaps in the spare one (free once its own write has settled). */
  async flush(): Promise<void> {
    await this.settle();
    if (this.used === 0) return;
    const full = this.buffer;
    const used = this.used;
    this.buffer = this.spare;
    this.spare = full;
    this.used = 0;
    const writing = this.writeBytes(full.subarray(0, used));
    writing.catch(() => {}); // handled: settle() awaits it and rethrows
    this.inFlight = writing;
  }

  async close(): Promise<FileDigest> {
    await this.flush();
    await this.settle();
    const handle = await this.open();
    await handle.close();
    this.handle = null;
    return { path: this.relativePath, bytes: this.bytes, sha256: this.hash.digest("hex") };
  }

  /** Stops writing without a digest (cancelled or failed exports); the caller removes the folder. */
  destroy() {
    const handle = this.handle;
    this.handle = null;
    void (this.inFlight ?? Promise.resolve())
      .catch(() => {})
      .then(() => handle?.close())
      .catch(() => {});
  }

  /** Waits for the write in flight (its error, if any, surfaces here). */
  private async settle() {
    const inFlight = this.inFlight;
    this.inFlight = null;
    if (inFlight) await inFlight;
  }

  private async open(): Promise<fs.promises.FileHandle> {
    // "wx": never write over a file that is already there.
    this.handle ??= await fs.promises.open(this.absolutePath, "wx");
    return this.handle;
  }

  private async writeBytes(data: Buffer) {
    this.hash.update(data);
    this.bytes += data.length;
    const handle = await this.open();
    let offset = 0;
    while (offset < data.length) offset += (await handle.write(data, offset, data.length - offset)).bytesWritten;
  }
}
