import { Readable } from "node:stream";
import type { S3Client, S3ClientConfig } from "@aws-sdk/client-s3";
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

// The AWS SDK takes ~0.4 s to load: only processes that actually use S3 pay for it.
type Sdk = typeof import("@aws-sdk/client-s3");
let sdk: Promise<Sdk> | undefined;
const loadSdk = () => (sdk ??= import("@aws-sdk/client-s3"));

/** Objects in one bucket of S3 or an S3-compatible server, keyed exactly like the local layout. */
export class S3Storage implements Storage {
  readonly driver = "s3";
  private client?: S3Client;
  private readonly bucket: string;

  constructor(private readonly config: S3Config) {
    this.bucket = config.bucket;
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

  async get(key: string): Promise<StoredObject | null> {
    const Key = assertStorageKey(key);
    const { client, sdk } = await this.connect();
    try {
      const result = await client.send(new sdk.GetObjectCommand({ Bucket: this.bucket, Key }));
      if (!(result.Body instanceof Readable)) throw new Error(`S3 returned no readable body for ${key}`);
      return { stream: result.Body, size: result.ContentLength ?? 0, contentType: result.ContentType ?? contentTypeForKey(key) };
    } catch (error) {
      if (isNotFound(error)) return null;
      throw error;
    }
  }

  async has(key: string): Promise<boolean> {
    const Key = assertStorageKey(key);
    const { client, sdk } = await this.connect();
    try {
      await client.send(new sdk.HeadObjectCommand({ Bucket: this.bucket, Key }));
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
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
