import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ThreadedFiles } from "./threaded-files";

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "threaded-files-"));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const sha256 = (data: Buffer) => createHash("sha256").update(data).digest("hex");
const openFds = () => fs.readdirSync("/proc/self/fd").length;

describe("ThreadedFiles", () => {
  it("writes each file's text in order, with its byte count and sha256, across many buffers and multi-byte text", async () => {
    const files = new ThreadedFiles();
    const a = files.open(path.join(dir, "a.jsonl"), "a.jsonl");
    const b = files.open(path.join(dir, "b.jsonl"), "b.jsonl");
    const expected = { a: [] as string[], b: [] as string[] };
    for (let i = 0; i < 20_000; i++) {
      const line = `{"n":${i},"text":"une girafe à côté d'un 🦙 — ${"x".repeat(i % 97)}"}\n`;
      if (i % 3 === 0) {
        files.write(b, line);
        expected.b.push(line);
      } else {
        files.write(a, line);
        expected.a.push(line);
      }
      if (i % 1000 === 0) await files.drain();
    }
    const huge = `${"é".repeat(300_000)}\n`; // more than a buffer at once
    files.write(a, huge);
    expected.a.push(huge);
    const digests = await files.close();
    for (const [name, lines] of Object.entries(expected)) {
      const written = fs.readFileSync(path.join(dir, `${name}.jsonl`));
      expect(written.toString("utf8")).toBe(lines.join(""));
      expect(digests.find((d) => d.path === `${name}.jsonl`)).toEqual({ path: `${name}.jsonl`, bytes: written.length, sha256: sha256(written) });
    }
    expect(digests.map((d) => d.path)).toEqual(["a.jsonl", "b.jsonl"]);
  });

  it("gives an empty file its empty digest", async () => {
    const files = new ThreadedFiles();
    files.open(path.join(dir, "empty.jsonl"), "empty.jsonl");
    expect(await files.close()).toEqual([{ path: "empty.jsonl", bytes: 0, sha256: sha256(Buffer.alloc(0)) }]);
  });

  it("never writes over an existing file", () => {
    fs.writeFileSync(path.join(dir, "taken.jsonl"), "keep me");
    const files = new ThreadedFiles();
    expect(() => files.open(path.join(dir, "taken.jsonl"), "taken.jsonl")).toThrow(/EEXIST/);
    expect(fs.readFileSync(path.join(dir, "taken.jsonl"), "utf8")).toBe("keep me");
  });

  it("destroy() stops the worker and closes the files mid-write (a cancelled export)", async () => {
    const before = openFds();
    const files = new ThreadedFiles();
    const f = files.open(path.join(dir, "partial.jsonl"), "partial.jsonl");
    for (let i = 0; i < 10_000; i++) files.write(f, `${"y".repeat(100)}\n`);
    await files.destroy();
    expect(openFds()).toBe(before);
  });
});
