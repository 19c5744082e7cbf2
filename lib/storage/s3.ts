import fs from "node:fs";
import { Readable } from "node:stream";
import type { S3Client, S3ClientConfig } from "@aws-sdk/client-s3";
import type { StorageConfig } from "./config";
import { assertStorageKey, contentTypeForKey } from "./keys";
import type { Storage, StoredObject, StoredObjectInfo, StoredRange } from "./types";

type S3Config = Extract<StorageConfig, { driver: "s3" }>;

/** Files up to this size go up in one PutObject; larger ones in parts of this size (S3's minimum is 5 MiB). */
export const DEFAULT_PART_SIZE = 16 * 1024 * 1024;
const MAX_PARTS = 10_000; // S3's limit per upload
const PARTS_AT_ONCE = 3;

export interface S3StorageOptions {
  /** Multipart threshold and part size in bytes (tests use small parts). */
  partSize?: number;
}

export function s3ClientConfig(config: S3Config): S3ClientConfig {
  return {
    region: config.region,
    // S3-compatible servers (s3rver, Ceph, older MinIO, …) do not all read the aws-chunked bodies with
    // checksum trailers the SDK sends by default for streamed uploads: they would store the framing with
    // the bytes. Checksums only where the API requires them keeps streamed uploads byte-exact there.
    ...(config.endpoint ? { endpoint: config.endpoint, requestChecksumCalculation: "WHEN_REQUIRED", responseChecksumValidation: "WHEN_REQUIRED" } : {}),
    ...(config.credentials ? { credentials: config.credentials } : {}),
    forcePathStyle: config.forcePathStyle,
  };
}

// The AWS SDK takes ~0.4 s to load: only processes that actually use S3 pay for it.
type Sdk = typeof import("@aws-sdk/client-s3");
let sdk: Promise<Sdk> | undefined;
const loadSdk = () => (sdk ??= import("@aws-sdk/client-s3"));

/** Objects in one bucket of S3 or an S3-compatible server, keyed exactly like the local layout. */
export class S3Storage implements Storage {
  readonly driver = "s3";
  private client?: S3Client;
  private readonly bucket: string;

  private readonly partSize: number;

  constructor(
    private readonly config: S3Config,
    options: S3StorageOptions = {},
  ) {
    this.bucket = config.bucket;
    this.partSize = Math.max(1, Math.floor(options.partSize ?? DEFAULT_PART_SIZE));
  }

  private async connect(): Promise<{ client: S3Client; sdk: Sdk }> {
    const loaded = await loadSdk();
    this.client ??= new loaded.S3Client(s3ClientConfig(this.config));
    return { client: this.client, sdk: loaded };
  }

  async put(key: string, data: Uint8Array, contentType: string): Promise<void> {
    const Key = assertStorageKey(key);
    const { client, sdk } = await this.connect();
    await client.send(new sdk.PutObjectCommand({ Bucket: this.bucket, Key, Body: data, ContentType: contentType, ContentLength: data.byteLength }));
  }

  async putFile(key: string, file: string, contentType: string): Promise<void> {
    const Key = assertStorageKey(key);
    const { size } = await fs.promises.stat(file);
    const { client, sdk } = await this.connect();
    if (size <= this.partSize) {
      const Body = fs.createReadStream(file);
      try {
        await client.send(new sdk.PutObjectCommand({ Bucket: this.bucket, Key, Body, ContentType: contentType, ContentLength: size }));
      } finally {
        Body.destroy();
      }
      return;
    }
    // Multipart: parts are read from the file (a failed part is not buffered), a few at a time; the
    // object appears only at CompleteMultipartUpload, and a failure aborts the upload (no stray parts).
    const partSize = Math.max(this.partSize, Math.ceil(size / MAX_PARTS));
    const { UploadId } = await client.send(new sdk.CreateMultipartUploadCommand({ Bucket: this.bucket, Key, ContentType: contentType }));
    if (!UploadId) throw new Error(`S3 returned no upload id for ${key}`);
    try {
      const count = Math.ceil(size / partSize);
      const parts: { PartNumber: number; ETag: string }[] = new Array(count);
      let next = 0;
      let failed = false;
      const uploadParts = async () => {
        while (next < count && !failed) {
          const index = next++;
          const start = index * partSize;
          const end = Math.min(size, start + partSize); // exclusive
          const Body = fs.createReadStream(file, { start, end: end - 1 });
          try {
            const { ETag } = await client.send(
              new sdk.UploadPartCommand({ Bucket: this.bucket, Key, UploadId, PartNumber: index + 1, Body, ContentLength: end - start }),
            );
            if (!ETag) throw new Error(`S3 returned no ETag for part ${index + 1} of ${key}`);
            parts[index] = { PartNumber: index + 1, ETag };
          } catch (error) {
            failed = true;
            throw error;
          } finally {
            Body.destroy();
          }
        }
      };
      await Promise.all(Array.from({ length: Math.min(PARTS_AT_ONCE, count) }, uploadParts));
      await client.send(new sdk.CompleteMultipartUploadCommand({ Bucket: this.bucket, Key, UploadId, MultipartUpload: { Parts: parts } }));
    } catch (error) {
      await client.send(new sdk.AbortMultipartUploadCommand({ Bucket: this.bucket, Key, UploadId })).catch(() => {});
      throw error;
    }
  }

  async get(key: string, range?: StoredRange): Promise<StoredObject | null> {
    const Key = assertStorageKey(key);
    const { client, sdk } = await this.connect();
    try {
      const Range = range ? `bytes=${range.start}-${range.end}` : undefined;
      const result = await client.send(new sdk.GetObjectCommand({ Bucket: this.bucket, Key, Range }));
      if (!(result.Body instanceof Readable)) throw new Error(`S3 returned no readable body for ${key}`);
      return { stream: result.Body, size: result.ContentLength ?? 0, contentType: result.ContentType ?? contentTypeForKey(key) };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async head(key: string): Promise<StoredObjectInfo | null> {
    const Key = assertStorageKey(key);
    const { client, sdk } = await this.connect();
    try {
      const result = await client.send(new sdk.HeadObjectCommand({ Bucket: this.bucket, Key }));
      return { size: result.ContentLength ?? 0, contentType: result.ContentType ?? contentTypeForKey(key) };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async has(key: string): Promise<boolean> {
    return (await this.head(key)) !== null;
  }

  async delete(key: string): Promise<void> {
    const Key = assertStorageKey(key);
    const { client, sdk } = await this.connect();
    await client.send(new sdk.DeleteObjectCommand({ Bucket: this.bucket, Key }));
  }
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === "NoSuchKey" || e?.name === "NotFound" || e?.$metadata?.httpStatusCode === 404;
}
