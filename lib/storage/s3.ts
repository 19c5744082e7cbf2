import { Readable } from "node:stream";
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  type S3ClientConfig,
} from "@aws-sdk/client-s3";
import type { StorageConfig } from "./config";
import { assertStorageKey, contentTypeForKey } from "./keys";
import type { Storage, StoredObject } from "./types";

type S3Config = Extract<StorageConfig, { driver: "s3" }>;

export function s3ClientConfig(config: S3Config): S3ClientConfig {
  return {
    region: config.region,
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
    ...(config.credentials ? { credentials: config.credentials } : {}),
    forcePathStyle: config.forcePathStyle,
  };
}

/** Objects in one bucket of S3 or an S3-compatible server, keyed exactly like the local layout. */
export class S3Storage implements Storage {
  readonly driver = "s3";
  private readonly client: S3Client;
  private readonly bucket: string;

  constructor(config: S3Config, client = new S3Client(s3ClientConfig(config))) {
    this.client = client;
    this.bucket = config.bucket;
  }

  async put(key: string, data: Uint8Array, contentType: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({ Bucket: this.bucket, Key: assertStorageKey(key), Body: data, ContentType: contentType, ContentLength: data.byteLength }),
    );
  }

  async get(key: string): Promise<StoredObject | null> {
    try {
      const result = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: assertStorageKey(key) }));
      if (!(result.Body instanceof Readable)) throw new Error(`S3 returned no readable body for ${key}`);
      return { stream: result.Body, size: result.ContentLength ?? 0, contentType: result.ContentType ?? contentTypeForKey(key) };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async has(key: string): Promise<boolean> {
    try {
      await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: assertStorageKey(key) }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: assertStorageKey(key) }));
  }
}

function isNotFound(error: unknown): boolean {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return e?.name === "NoSuchKey" || e?.name === "NotFound" || e?.$metadata?.httpStatusCode === 404;
}
