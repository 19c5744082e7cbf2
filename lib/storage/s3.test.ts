// The S3 driver against s3rver, a real S3-compatible server on loopback: requests through
// @aws-sdk/client-s3, path-style keys, streamed and multipart uploads and S3's own error answers.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buffer, text } from "node:stream/consumers";
import { GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportArchiveKey, InvalidStorageKey, originalKey, thumbnailKey } from "./keys";
import { s3ClientConfig, S3Storage } from "./s3";
import { startS3rver, type RunningS3rver } from "./testing/s3rver";

const sha = (data: Uint8Array) => createHash("sha256").update(data).digest("hex");

describe("S3Storage against s3rver", () => {
  let s3: RunningS3rver;
  let storage: S3Storage;
  let work: string;
  beforeAll(async () => {
    s3 = await startS3rver({ bucket: "srt" });
    storage = new S3Storage(s3.config, { partSize: 64 * 1024 });
    work = fs.mkdtempSync(path.join(os.tmpdir(), "srt-s3-test-"));
  });
  afterAll(async () => {
    await s3?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  it("puts, gets, checks and deletes objects under bucket/key", async () => {
    const key = thumbnailKey("d".repeat(64));
    expect(await storage.has(key)).toBe(false);
    expect(await storage.head(key)).toBeNull();
    expect(await storage.get(key)).toBeNull();
    await storage.put(key, Buffer.from("webp bytes"), "image/webp");
    expect(await storage.has(key)).toBe(true);
    expect(await storage.head(key)).toEqual({ size: 10, contentType: "image/webp" });
    const object = await storage.get(key);
    expect([object?.size, object?.contentType]).toEqual([10, "image/webp"]);
    expect(await text(object!.stream)).toBe("webp bytes");
    // The object is where any other S3 client looks for it: the bucket, under the key itself.
    const raw = new S3Client(s3ClientConfig(s3.config));
    const direct = await raw.send(new GetObjectCommand({ Bucket: "srt", Key: key }));
    expect(await direct.Body?.transformToString()).toBe("webp bytes");
    raw.destroy();
    await storage.delete(key);
    expect(await storage.has(key)).toBe(false);
    await storage.delete(key); // missing: not an error
  });

  it("overwrites a key with the same content (idempotent puts) and streams large objects", async () => {
    const key = originalKey("a".repeat(64));
    const data = Buffer.alloc(3 * 1024 * 1024 + 17, 9);
    await Promise.all([storage.put(key, data, "image/png"), storage.put(key, data, "image/png")]);
    const object = await storage.get(key);
    expect(object?.size).toBe(data.length);
    expect(sha(await buffer(object!.stream))).toBe(sha(data));
  });

  it("uploads a small file in one request and a large one in parts, byte for byte", async () => {
    for (const [name, bytes] of [["small", 1000], ["large", 64 * 1024 * 5 + 123]] as const) {
      const file = path.join(work, `${name}.tar.gz`);
      const data = Buffer.from(Array.from({ length: bytes }, (_, i) => (i * 31 + bytes) & 0xff));
      fs.writeFileSync(file, data);
      const key = exportArchiveKey(`demo-${name}`);
      await storage.putFile(key, file, "application/gzip");
      expect(await storage.head(key)).toEqual({ size: bytes, contentType: "application/gzip" });
      const object = await storage.get(key);
      expect(sha(await buffer(object!.stream)), name).toBe(sha(data));
    }
  });

  it("reads a multipart object back through a stream the caller may stop early", async () => {
    const key = exportArchiveKey("demo-large");
    const object = await storage.get(key);
    for await (const chunk of object!.stream) {
      expect((chunk as Buffer).length).toBeGreaterThan(0);
      break; // leaving the loop destroys the stream; the client must stay usable
    }
    expect(await storage.has(key)).toBe(true);
  });

  it("reads a byte range (resumed downloads)", async () => {
    const key = exportArchiveKey("demo-large");
    const whole = await buffer((await storage.get(key))!.stream);
    const part = await storage.get(key, { start: 70_000, end: 70_009 });
    expect(part?.size).toBe(10);
    expect((await buffer(part!.stream)).equals(whole.subarray(70_000, 70_010))).toBe(true);
    const tail = await storage.get(key, { start: whole.length - 3, end: whole.length - 1 });
    expect((await buffer(tail!.stream)).equals(whole.subarray(-3))).toBe(true);
    expect(await storage.get(exportArchiveKey("demo-none"), { start: 0, end: 1 })).toBeNull();
  });

  it("reports a missing source file and stores nothing", async () => {
    const key = exportArchiveKey("demo-missing");
    await expect(storage.putFile(key, path.join(work, "missing.tar.gz"), "application/gzip")).rejects.toThrow(/ENOENT/);
    expect(await storage.has(key)).toBe(false);
  });

  it("surfaces S3's errors instead of treating them as a missing key", async () => {
    const key = originalKey("c".repeat(64));
    const noBucket = new S3Storage({ ...s3.config, bucket: "no-such-bucket" }, { partSize: 1024 });
    await expect(noBucket.put(key, Buffer.from("x"), "image/png")).rejects.toMatchObject({ name: "NoSuchBucket" });
    const file = path.join(work, "parts.bin");
    fs.writeFileSync(file, Buffer.alloc(4096, 1));
    await expect(noBucket.putFile(exportArchiveKey("demo-nobucket"), file, "application/gzip")).rejects.toMatchObject({ name: "NoSuchBucket" });

    // s3rver checks the access key (not SigV4 signatures): an unknown one is refused with 403.
    const unknownAccount = new S3Storage({ ...s3.config, credentials: { accessKeyId: "NOBODY", secretAccessKey: "x" } });
    await expect(unknownAccount.put(key, Buffer.from("x"), "image/png")).rejects.toMatchObject({ name: "InvalidAccessKeyId" });
    await expect(unknownAccount.get(key)).rejects.toMatchObject({ name: "InvalidAccessKeyId" });
    await expect(unknownAccount.has(key)).rejects.toMatchObject({ $metadata: { httpStatusCode: 403 } });
  });

  it("validates keys before any request is made", async () => {
    // Pointed at a port nobody listens on: a request would fail with a connection error instead.
    const offline = new S3Storage({ ...s3.config, endpoint: "http://127.0.0.1:9" });
    await expect(offline.put("../../admin", Buffer.from("x"), "text/plain")).rejects.toThrow(InvalidStorageKey);
    await expect(offline.get(`${originalKey("e".repeat(64))}?acl`)).rejects.toThrow(InvalidStorageKey);
    await expect(offline.putFile("exports/../x.tar.gz", __filename, "application/gzip")).rejects.toThrow(InvalidStorageKey);
    await expect(offline.head("exports/Demo.tar.gz")).rejects.toThrow(InvalidStorageKey);
  });
});
