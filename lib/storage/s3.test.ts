// The S3 driver against a minimal in-process S3-compatible HTTP server (path-style PUT/GET/HEAD/DELETE):
// real requests through @aws-sdk/client-s3, no real S3 needed.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { text } from "node:stream/consumers";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidStorageKey, originalKey, thumbnailKey } from "./keys";
import { S3Storage } from "./s3";

const objects = new Map<string, { body: Buffer; type: string }>();
const requests: string[] = [];

const server = http.createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const url = new URL(req.url ?? "/", "http://x");
  requests.push(`${req.method} ${url.pathname}`);
  const object = objects.get(url.pathname);
  if (req.method === "PUT") {
    objects.set(url.pathname, { body: Buffer.concat(chunks), type: String(req.headers["content-type"]) });
    res.writeHead(200, { ETag: '"x"' }).end();
  } else if (req.method === "DELETE") {
    objects.delete(url.pathname);
    res.writeHead(204).end();
  } else if (!object) {
    res.writeHead(404, { "Content-Type": "application/xml" });
    res.end(req.method === "HEAD" ? undefined : "<Error><Code>NoSuchKey</Code><Message>missing</Message></Error>");
  } else {
    res.writeHead(200, { "Content-Type": object.type, "Content-Length": object.body.length });
    res.end(req.method === "HEAD" ? undefined : object.body);
  }
});

describe("S3Storage", () => {
  let storage: S3Storage;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    storage = new S3Storage({
      driver: "s3",
      bucket: "srt",
      region: "us-east-1",
      endpoint: `http://127.0.0.1:${port}`,
      credentials: { accessKeyId: "test", secretAccessKey: "test" },
      forcePathStyle: true,
    });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const key = thumbnailKey("d".repeat(64));

  it("puts, gets, checks and deletes objects under bucket/key (path style)", async () => {
    expect(await storage.has(key)).toBe(false);
    expect(await storage.get(key)).toBeNull();
    await storage.put(key, Buffer.from("webp bytes"), "image/webp");
    expect(objects.get(`/srt/${key}`)?.type).toBe("image/webp");
    expect(await storage.has(key)).toBe(true);
    const object = await storage.get(key);
    expect([object?.size, object?.contentType]).toEqual([10, "image/webp"]);
    expect(await text(object!.stream)).toBe("webp bytes");
    await storage.delete(key);
    expect(await storage.has(key)).toBe(false);
  });

  it("validates keys before any request is made", async () => {
    const before = requests.length;
    await expect(storage.put("../../admin", Buffer.from("x"), "text/plain")).rejects.toThrow(InvalidStorageKey);
    await expect(storage.get(`${originalKey("e".repeat(64))}?acl`)).rejects.toThrow(InvalidStorageKey);
    expect(requests.length).toBe(before);
  });
});
