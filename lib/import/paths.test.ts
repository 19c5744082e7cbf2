import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { realPathInside, resolveInside, UnsafePath } from "./paths";

describe("resolveInside", () => {
  const base = "/data/manifests";
  it("resolves relative paths inside the manifest's folder", () => {
    expect(resolveInside(base, "images/cat.jpg")).toBe("/data/manifests/images/cat.jpg");
    expect(resolveInside(base, "./a/../b.png")).toBe("/data/manifests/b.png");
    expect(resolveInside(base, "imgs\\dog.png")).toBe("/data/manifests/imgs/dog.png");
  });
  it("refuses absolute paths, escapes, URLs and drive letters", () => {
    for (const bad of ["/etc/passwd", "../secret.jpg", "a/../../b.jpg", "..", "C:\\x.jpg", "file:///etc/passwd", "http://x/y.jpg", "a\0b", " "]) {
      expect(() => resolveInside(base, bad), bad).toThrow(UnsafePath);
    }
  });
  it("refuses a symlink that leads outside", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "srt-paths-"));
    const inside = path.join(dir, "m");
    fs.mkdirSync(inside);
    fs.writeFileSync(path.join(dir, "outside.jpg"), "x");
    fs.writeFileSync(path.join(inside, "ok.jpg"), "x");
    fs.symlinkSync(path.join(dir, "outside.jpg"), path.join(inside, "link.jpg"));
    await expect(realPathInside(inside, path.join(inside, "ok.jpg"))).resolves.toBe(fs.realpathSync(path.join(inside, "ok.jpg")));
    await expect(realPathInside(inside, path.join(inside, "link.jpg"))).rejects.toThrow(/symbolic link/);
    fs.rmSync(dir, { recursive: true });
  });
});
