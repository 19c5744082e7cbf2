import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buffer, text } from "node:stream/consumers";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { displayKey, exportArchiveKey, InvalidStorageKey, originalKey } from "./keys";
import { LocalStorage, listTempFiles } from "./local";

describe("LocalStorage", () => {
  let root: string;
  let storage: LocalStorage;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), "srt-storage-"));
    storage = new LocalStorage(root);
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const key = originalKey("b".repeat(64));

  it("puts, gets, checks and deletes by key", async () => {
    expect(await storage.has(key)).toBe(false);
    expect(await storage.get(key)).toBeNull();
    await storage.put(key, Buffer.from("hello"), "image/png");
    expect(await storage.has(key)).toBe(true);
    const object = await storage.get(key);
    expect(object?.size).toBe(5);
    expect(await text(object!.stream)).toBe("hello");
    expect(fs.readFileSync(path.join(root, key), "utf8")).toBe("hello");
    await storage.delete(key);
    expect(await storage.has(key)).toBe(false);
    await storage.delete(key); // missing: not an error
  });

  it("reports derived images as WebP", async () => {
    const webp = displayKey("c".repeat(64));
    await storage.put(webp, Buffer.from("RIFF"), "image/webp");
    const object = await storage.get(webp);
    expect(object?.contentType).toBe("image/webp");
    object?.stream.destroy();
  });

  it("writes atomically and survives concurrent writers of the same key", async () => {
    const data = Buffer.alloc(2 * 1024 * 1024, 7);
    await Promise.all(Array.from({ length: 6 }, () => storage.put(key, data, "image/png")));
    expect(fs.readFileSync(path.join(root, key)).equals(data)).toBe(true);
    expect(listTempFiles(root)).toEqual([]);
  });

  it("copies a file into a key (export archives) and reports its size without reading it", async () => {
    const archive = exportArchiveKey("demo-job1");
    const source = path.join(root, "made-elsewhere.tar.gz");
    fs.writeFileSync(source, Buffer.alloc(300_000, 3));
    expect(await storage.head(archive)).toBeNull();
    await storage.putFile(archive, source, "application/gzip");
    expect(await storage.head(archive)).toEqual({ size: 300_000, contentType: "application/gzip" });
    expect(fs.readFileSync(path.join(root, archive)).equals(fs.readFileSync(source))).toBe(true);
    const part = await storage.get(archive, { start: 10, end: 19 });
    expect(part?.size).toBe(10);
    expect((await buffer(part!.stream)).equals(Buffer.alloc(10, 3))).toBe(true);
    await expect(storage.putFile(exportArchiveKey("demo-job2"), path.join(root, "missing.tar.gz"), "application/gzip")).rejects.toThrow(/ENOENT/);
    expect(await storage.has(exportArchiveKey("demo-job2"))).toBe(false);
    expect(listTempFiles(root)).toEqual([]);
  });

  it("never touches the filesystem for an invalid key", async () => {
    await expect(storage.put("../outside", Buffer.from("x"), "text/plain")).rejects.toThrow(InvalidStorageKey);
    await expect(storage.get("originals/../../etc/passwd")).rejects.toThrow(InvalidStorageKey);
    await expect(storage.has("/etc/passwd")).rejects.toThrow(InvalidStorageKey);
    expect(fs.existsSync(path.join(root, "..", "outside"))).toBe(false);
    expect(fs.readdirSync(root)).toEqual([]);
  });
});
