// A real S3-compatible server (s3rver, dev dependency) on loopback, for the storage tests and the
// multi-instance harness: SigV4-checked requests, multipart uploads, ranges, 404s, as S3 answers them.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";
import type { StorageConfig } from "../config";

/** s3rver's built-in account. */
export const S3RVER_CREDENTIALS = { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } as const;

export interface RunningS3rver {
  endpoint: string;
  port: number;
  /** Its files (kept until stop unless `directory` was given). */
  directory: string;
  config: Extract<StorageConfig, { driver: "s3" }>;
  /** The STORAGE_DRIVER=s3 environment of an app instance using this bucket. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startS3rver(options: { bucket?: string; port?: number; directory?: string } = {}): Promise<RunningS3rver> {
  const bucket = options.bucket ?? "srt";
  const owned = !options.directory;
  const directory = options.directory ?? fs.mkdtempSync(path.join(os.tmpdir(), "srt-s3rver-"));
  const server = new S3rver({ port: options.port ?? 0, address: "127.0.0.1", silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  return {
    endpoint,
    port,
    directory,
    config: { driver: "s3", bucket, region: "us-east-1", endpoint, credentials: { ...S3RVER_CREDENTIALS }, forcePathStyle: true },
    env: {
      STORAGE_DRIVER: "s3",
      S3_BUCKET: bucket,
      S3_REGION: "us-east-1",
      S3_ENDPOINT: endpoint,
      S3_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      S3_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
      S3_FORCE_PATH_STYLE: "true",
    },
    async stop() {
      await server.close();
      if (owned) fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
