// The export's data files, hashed (sha256) and written on a thread of their own: the main thread reads
// the database, builds the records and encodes their text into 256 KB buffers; each full buffer is
// handed over (transferred, not copied) to a small worker that hashes and writes it and hands it back
// for reuse. On two cores this takes the hashing and the write calls (a tenth of an export's time) off
// the thread that produces the records. The worker is plain JavaScript given as source text, so it runs
// the same from the Next.js server, the CLI and tests. Files are opened and closed here ("wx": never over
// an existing file), so a failed or cancelled export leaves no open descriptor behind.
import fs from "node:fs";
import { Worker } from "node:worker_threads";
import type { FileDigest } from "./hashed-file";

const BUFFER_BYTES = 256 * 1024;
/** Buffers handed over and not yet back, above which `drain()` waits: bounds memory if the disk is slow. */
const MAX_IN_FLIGHT = 16;

type ToWorker = { write: { fd: number; file: number; buffer: ArrayBuffer; length: number } } | { finish: { file: number } };
type FromWorker = { free: ArrayBuffer } | { digest: { file: number; bytes: number; sha256: string } } | { error: { message: string; code?: string } };

const WORKER_SOURCE = `
const { parentPort } = require("node:worker_threads");
const { createHash } = require("node:crypto");
const fs = require("node:fs");
const files = new Map();
let failed = false;
parentPort.on("message", (message) => {
  if (failed) return;
  try {
    if (message.write) {
      const { fd, file, buffer, length } = message.write;
      let state = files.get(file);
      if (!state) files.set(file, (state = { hash: createHash("sha256"), bytes: 0 }));
      const data = new Uint8Array(buffer, 0, length);
      state.hash.update(data);
      state.bytes += length;
      let offset = 0;
      while (offset < length) offset += fs.writeSync(fd, data, offset, length - offset);
      parentPort.postMessage({ free: buffer }, [buffer]);
    } else if (message.finish) {
      const { file } = message.finish;
      const state = files.get(file) ?? { hash: createHash("sha256"), bytes: 0 };
      files.delete(file);
      parentPort.postMessage({ digest: { file, bytes: state.bytes, sha256: state.hash.digest("hex") } });
    }
  } catch (error) {
    failed = true;
    parentPort.postMessage({ error: { message: String((error && error.message) || error), code: error && error.code } });
  }
});
`;

interface OpenFile {
  fd: number;
  relativePath: string;
  buffer: Buffer;
  used: number;
}

export class ThreadedFiles {
  /** Started with the first full buffer (it boots while the next ones fill); none for an empty export. */
  private worker: Worker | null = null;
  private readonly files: OpenFile[] = [];
  private readonly free: ArrayBuffer[] = [];
  private inFlight = 0;
  private failure: Error | null = null;
  private readonly digests = new Map<number, { bytes: number; sha256: string }>();
  private wake: (() => void) | null = null;

  private start(): Worker {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.on("message", (message: FromWorker) => {
      if ("free" in message) {
        this.inFlight--;
        this.free.push(message.free);
      } else if ("digest" in message) {
        this.digests.set(message.digest.file, message.digest);
      } else {
        this.failure ??= Object.assign(new Error(`writing the export's data files failed: ${message.error.message}`), { code: message.error.code });
      }
      this.wakeUp();
    });
    worker.on("error", (error) => {
      this.failure ??= error;
      this.wakeUp();
    });
    return worker;
  }

  /** Creates a file (refusing an existing one); returns its handle for write(). */
  open(absolutePath: string, relativePath: string): number {
    const fd = fs.openSync(absolutePath, "wx");
    this.files.push({ fd, relativePath, buffer: this.takeBuffer(), used: 0 });
    return this.files.length - 1;
  }

  /** Queues text for a file; a full buffer goes to the worker. */
  write(file: number, text: string): void {
    if (this.failure) throw this.failure;
    const f = this.files[file];
    // 3 bytes per UTF-16 unit is the most UTF-8 needs.
    if (text.length * 3 > BUFFER_BYTES - f.used) {
      this.send(file);
      if (text.length * 3 > BUFFER_BYTES) {
        const bytes = Buffer.from(text, "utf8");
        for (let offset = 0; offset < bytes.length; offset += BUFFER_BYTES) {
          const chunk = bytes.subarray(offset, offset + BUFFER_BYTES);
          f.used = chunk.copy(f.buffer);
          this.send(file);
        }
        return;
      }
    }
    f.used += f.buffer.write(text, f.used, "utf8");
  }

  /** Waits while too many buffers are out (a slow disk): call between pages. Throws the worker's error. */
  async drain(): Promise<void> {
    while (this.inFlight > MAX_IN_FLIGHT && !this.failure) await this.nextMessage();
    if (this.failure) throw this.failure;
  }

  /** Writes what is queued, then each file's byte count and sha256, in the order they were opened. */
  async close(): Promise<FileDigest[]> {
    try {
      for (let file = 0; file < this.files.length; file++) {
        this.send(file);
        this.post({ finish: { file } });
      }
      while (this.digests.size < this.files.length && !this.failure) await this.nextMessage();
      if (this.failure) throw this.failure;
      return this.files.map((f, file) => {
        const { bytes, sha256 } = this.digests.get(file)!;
        return { path: f.relativePath, bytes, sha256 };
      });
    } finally {
      await this.destroy();
    }
  }

  /** Stops the worker and closes the files (a failed or cancelled export; the caller removes the folder). */
  async destroy(): Promise<void> {
    await this.worker?.terminate();
    for (const f of this.files.splice(0)) fs.closeSync(f.fd);
  }

  private send(file: number) {
    const f = this.files[file];
    if (f.used === 0) return;
    const { buffer } = f.buffer;
    this.post({ write: { fd: f.fd, file, buffer: buffer as ArrayBuffer, length: f.used } }, [buffer as ArrayBuffer]);
    this.inFlight++;
    f.buffer = this.takeBuffer();
    f.used = 0;
  }

  private post(message: ToWorker, transfer: ArrayBuffer[] = []) {
    if (this.failure) throw this.failure;
    this.worker ??= this.start();
    this.worker.postMessage(message, transfer);
  }

  /** A buffer of its own ArrayBuffer (a pooled Buffer shares one, which cannot be transferred). */
  private takeBuffer(): Buffer {
    return Buffer.from(this.free.pop() ?? new ArrayBuffer(BUFFER_BYTES));
  }

  private nextMessage(): Promise<void> {
    return new Promise((resolve) => (this.wake = resolve));
  }

  private wakeUp() {
    const wake = this.wake;
    this.wake = null;
    wake?.();
  }
}
