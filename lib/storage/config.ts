import path from "node:path";
import { z } from "zod";

export const DEFAULT_STORAGE_DIR = "data/assets";

export type StorageConfig =
  | { driver: "local"; root: string }
  | {
      driver: "s3";
      bucket: string;
      region: string;
      /** An S3-compatible endpoint (MinIO, R2, …); unset → AWS. */
      endpoint?: string;
      /** Both or neither; neither → the AWS SDK's default credential chain. */
      credentials?: { accessKeyId: string; secretAccessKey: string };
      forcePathStyle: boolean;
    };

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);
const optionalText = z.preprocess(blankToUndefined, z.string().trim().optional());

const envSchema = z.object({
  STORAGE_DRIVER: z.preprocess(blankToUndefined, z.enum(["local", "s3"], "must be local or s3").default("local")),
  STORAGE_DIR: optionalText,
  S3_BUCKET: optionalText,
  S3_REGION: optionalText,
  S3_ENDPOINT: z.preprocess(blankToUndefined, z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional()),
  S3_ACCESS_KEY_ID: optionalText,
  S3_SECRET_ACCESS_KEY: optionalText,
  S3_FORCE_PATH_STYLE: z.preprocess(blankToUndefined, z.enum(["true", "false", "1", "0"], "must be true or false").optional()),
});

/**
 * Reads the storage settings from the environment: STORAGE_DRIVER=local (default; STORAGE_DIR, default
 * data/assets) or s3 (S3_BUCKET, S3_REGION, S3_ENDPOINT, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY,
 * S3_FORCE_PATH_STYLE default true, as most S3-compatible servers need). Errors name the variable.
 */
export function resolveStorageConfig(env: Record<string, string | undefined> = process.env): StorageConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  }
  const e = parsed.data;
  if (e.STORAGE_DRIVER === "local") return { driver: "local", root: path.resolve(/* turbopackIgnore: true */ e.STORAGE_DIR ?? DEFAULT_STORAGE_DIR) };
  if (!e.S3_BUCKET) throw new Error("S3_BUCKET: required when STORAGE_DRIVER=s3");
  if (Boolean(e.S3_ACCESS_KEY_ID) !== Boolean(e.S3_SECRET_ACCESS_KEY)) {
    throw new Error(`${e.S3_ACCESS_KEY_ID ? "S3_SECRET_ACCESS_KEY" : "S3_ACCESS_KEY_ID"}: set both S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY, or neither`);
  }
  return {
    driver: "s3",
    bucket: e.S3_BUCKET,
    region: e.S3_REGION ?? "us-east-1",
    ...(e.S3_ENDPOINT ? { endpoint: e.S3_ENDPOINT } : {}),
    ...(e.S3_ACCESS_KEY_ID && e.S3_SECRET_ACCESS_KEY
      ? { credentials: { accessKeyId: e.S3_ACCESS_KEY_ID, secretAccessKey: e.S3_SECRET_ACCESS_KEY } }
      : {}),
    forcePathStyle: e.S3_FORCE_PATH_STYLE ? e.S3_FORCE_PATH_STYLE === "true" || e.S3_FORCE_PATH_STYLE === "1" : true,
  };
}
