import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveStorageConfig } from "./config";
import { s3ClientConfig } from "./s3";

describe("resolveStorageConfig", () => {
  it("defaults to local files under data/assets", () => {
    expect(resolveStorageConfig({})).toEqual({ driver: "local", root: path.resolve("data/assets") });
    expect(resolveStorageConfig({ STORAGE_DRIVER: "", STORAGE_DIR: "/srv/srt" })).toEqual({ driver: "local", root: "/srv/srt" });
  });

  it("reads the S3 settings, path-style by default", () => {
    const config = resolveStorageConfig({
      STORAGE_DRIVER: "s3",
      S3_BUCKET: "images",
      S3_ENDPOINT: "http://minio:9000",
      S3_REGION: "eu-west-1",
      S3_ACCESS_KEY_ID: "key",
      S3_SECRET_ACCESS_KEY: "secret",
    });
    expect(config).toEqual({
      driver: "s3",
      bucket: "images",
      region: "eu-west-1",
      endpoint: "http://minio:9000",
      credentials: { accessKeyId: "key", secretAccessKey: "secret" },
      forcePathStyle: true,
    });
    expect(s3ClientConfig(config as Extract<typeof config, { driver: "s3" }>)).toEqual({
      region: "eu-west-1",
      endpoint: "http://minio:9000",
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
      credentials: { accessKeyId: "key", secretAccessKey: "secret" },
      forcePathStyle: true,
    });
    expect(resolveStorageConfig({ STORAGE_DRIVER: "s3", S3_BUCKET: "b", S3_FORCE_PATH_STYLE: "false" })).toEqual({
      driver: "s3",
      bucket: "b",
      region: "us-east-1",
      forcePathStyle: false,
    });
  });

  it("names the variable that is wrong, without echoing secrets", () => {
    expect(() => resolveStorageConfig({ STORAGE_DRIVER: "ftp" })).toThrow(/^STORAGE_DRIVER: must be local or s3/);
    expect(() => resolveStorageConfig({ STORAGE_DRIVER: "s3" })).toThrow(/^S3_BUCKET: required/);
    expect(() => resolveStorageConfig({ STORAGE_DRIVER: "s3", S3_BUCKET: "b", S3_ENDPOINT: "minio:9000" })).toThrow(/^S3_ENDPOINT: must be an http\(s\) URL/);
    expect(() => resolveStorageConfig({ STORAGE_DRIVER: "s3", S3_BUCKET: "b", S3_FORCE_PATH_STYLE: "yes" })).toThrow(/^S3_FORCE_PATH_STYLE/);
    const onlySecret = () => resolveStorageConfig({ STORAGE_DRIVER: "s3", S3_BUCKET: "b", S3_SECRET_ACCESS_KEY: "hunter2" });
    expect(onlySecret).toThrow(/^S3_ACCESS_KEY_ID: set both/);
    expect(onlySecret).not.toThrow(/hunter2/);
  });
});
