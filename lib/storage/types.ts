import type { Readable } from "node:stream";

/** What is known of a stored object without reading it. */
export interface StoredObjectInfo {
  size: number;
  contentType: string;
}

/** Inclusive byte positions, within the object (callers check them against its size first). */
export interface StoredRange {
  start: number;
  end: number;
}

export interface StoredObject {
  stream: Readable;
  /** Bytes in the stream: the object's size, or the range's length. */
  size: number;
  contentType: string;
}

/**
 * Where image bytes and export archives live. Image keys are content addresses (lib/storage/keys.ts), so
 * writing a key twice writes the same bytes: put is idempotent, and a put that is interrupted leaves
 * nothing half-written. Export archive keys are unique per job.
 */
export interface Storage {
  readonly driver: "local" | "s3";
  put(key: string, data: Uint8Array, contentType: string): Promise<void>;
  /**
   * Streams a file into the key without holding it in memory (large files go up in parts), for export
   * archives. Like put: all or nothing.
   */
  putFile(key: string, file: string, contentType: string): Promise<void>;
  /** null when the key is not stored. With a range, only those bytes (resumed downloads). */
  get(key: string, range?: StoredRange): Promise<StoredObject | null>;
  /** Size and type without the bytes; null when the key is not stored. */
  head(key: string): Promise<StoredObjectInfo | null>;
  has(key: string): Promise<boolean>;
  /** Deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
}
