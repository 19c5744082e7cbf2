import type { Readable } from "node:stream";

export interface StoredObject {
  stream: Readable;
  size: number;
  contentType: string;
}

/**
 * Where image bytes live. Keys are content addresses (lib/storage/keys.ts), so writing a key twice
 * writes the same bytes: put is idempotent, and a put that is interrupted leaves nothing half-written.
 */
export interface Storage {
  readonly driver: "local" | "s3";
  put(key: string, data: Uint8Array, contentType: string): Promise<void>;
  /** null when the key is not stored. */
  get(key: string): Promise<StoredObject | null>;
  has(key: string): Promise<boolean>;
  /** Deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
}
