import { describe, expect, it } from "vitest";
import { collectDroppedFiles, collectInputFiles, isHidden, type EntryLike } from "./dropped-files";

interface FakeFile {
  name: string;
  size: number;
  webkitRelativePath?: string;
}

function file(path: string, size = 1, fail = false): EntryLike<FakeFile> {
  const name = path.split("/").pop()!;
  return {
    name,
    fullPath: `/${path}`,
    isFile: true,
    isDirectory: false,
    file: (ok, error) => (fail ? error?.(new Error("NotReadableError")) : setTimeout(() => ok({ name, size }), 0)),
  };
}

/** A folder whose reader answers in batches of `batch`, like Chromium's 100 at a time. */
function folder(path: string, children: EntryLike<FakeFile>[], batch = 2): EntryLike<FakeFile> {
  return {
    name: path.split("/").pop()!,
    fullPath: `/${path}`,
    isFile: false,
    isDirectory: true,
    createReader: () => {
      let at = 0;
      return {
        readEntries: (ok) => {
          const next = children.slice(at, at + batch);
          at += batch;
          setTimeout(() => ok(next), 0);
        },
      };
    },
  };
}

describe("collectDroppedFiles", () => {
  it("walks dropped folders recursively, reading every batch, with paths, hidden entries skipped", async () => {
    const tree = folder("shots", [
      file("shots/b.png", 5),
      file("shots/a.jpg", 3),
      file("shots/.DS_Store"),
      folder("shots/.git", [file("shots/.git/HEAD")]),
      folder("shots/day2", [file("shots/day2/c.webp"), file("shots/day2/d.gif"), file("shots/day2/e.png")]),
    ]);
    const result = await collectDroppedFiles([{ entry: tree, file: null }, { entry: file("loose.png"), file: null }]);
    expect(result.files.map((f) => f.name)).toEqual(["shots/a.jpg", "shots/b.png", "shots/day2/c.webp", "shots/day2/d.gif", "shots/day2/e.png", "loose.png"]);
    expect(result.files[0]).toMatchObject({ size: 3, file: { name: "a.jpg" } });
    expect(result.skipped).toBe(2);
    expect(result.errors).toEqual([]);
  });

  it("takes plain files when the browser gives no entry", async () => {
    const result = await collectDroppedFiles<FakeFile>([
      { entry: null, file: { name: "x.png", size: 2 } },
      { entry: null, file: { name: ".hidden", size: 2 } },
      { entry: null, file: null },
    ]);
    expect(result.files.map((f) => f.name)).toEqual(["x.png"]);
    expect(result.skipped).toBe(1);
  });

  it("reports unreadable files and goes on with the others", async () => {
    const result = await collectDroppedFiles([{ entry: folder("f", [file("f/bad.png", 1, true), file("f/good.png")]), file: null }]);
    expect(result.files.map((f) => f.name)).toEqual(["f/good.png"]);
    expect(result.errors).toEqual(["f/bad.png: NotReadableError"]);
  });
});

describe("collectInputFiles", () => {
  it("keeps folder-relative paths and skips hidden files", () => {
    const result = collectInputFiles<FakeFile>([
      { name: "a.png", size: 1, webkitRelativePath: "set/a.png" },
      { name: "b.png", size: 1, webkitRelativePath: "" },
      { name: "x", size: 1, webkitRelativePath: "set/.cache/x" },
    ]);
    expect(result.files.map((f) => f.name)).toEqual(["set/a.png", "b.png"]);
    expect(result.skipped).toBe(1);
  });

  it("isHidden looks at every segment", () => {
    expect(isHidden("a/.b/c.png")).toBe(true);
    expect(isHidden("a/b/c.png")).toBe(false);
  });
});
