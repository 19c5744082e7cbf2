// A file written through a sha256 and a byte count, so manifests need no second read. Text goes
// into one reused buffer that is written when full: no large strings or buffers per page, which
// the garbage collector would only reclaim late (they live in the large-object space).
//
// The buffer is written synchronously, like the database driver (better-sqlite3) reads: a 256 KB
// write into the page cache takes a fraction of a millisecond, while handing it to the thread pool
// and waiting for it left the export idle for a tenth of its time on a busy machine.
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
  private fd: number | null = null;
  private readonly hash: Hash = createHash("sha256");
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private used = 0;
  private bytes = 0;

  constructor(
    readonly absolutePath: string,
    readonly relativePath: string,
  ) {}

  /** Queues text; it reaches the disk when the buffer fills, on flush() or on close(). */
  write(text: string): void {
    // 3 bytes per UTF-16 unit is the most UTF-8 needs.
    if (text.length * 3 > BUFFER_BYTES - this.used) {
      this.flush();
      if (text.length * 3 > BUFFER_BYTES) {
        this.writeBytes(Buffer.from(text, "utf8"));
        return;
      }
    }
    this.used += this.buffer.write(text, this.used, "utf8");
  }

  flush(): void {
    if (this.used === 0) return;
    const used = this.used;
    this.used = 0;
    this.writeBytes(this.buffer.subarray(0, used));
  }

  close(): FileDigest {
    this.flush();
    fs.closeSync(this.open());
    this.fd = null;
    return { path: this.relativePath, bytes: this.bytes, sha256: this.hash.digest("hex") };
  }

  /** Stops writing without a digest (cancelled or failed exports); the caller removes the folder. */
  destroy() {
    if (this.fd !== null) fs.closeSync(this.fd);
    this.fd = null;
  }

  private open(): number {
    // "wx": never write over a file that is already there.
    this.fd ??= fs.openSync(this.absolutePath, "wx");
    return this.fd;
  }

  private writeBytes(data: Buffer) {
    const fd = this.open();
    this.hash.update(data);
    this.bytes += data.length;
    let offset = 0;
    while (offset < data.length) offset += fs.writeSync(fd, data, offset, data.length - offset);
  }
}
