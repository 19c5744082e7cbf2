// A manifest with its images sent over HTTP (REST API): laid out in a temp folder and imported with the
// CLI's importManifest; "sha256:<hex>" lines use images already in the project.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { ingestImage } from "../images/ingest";
import { patternImage } from "../images/test-images";
import { LocalStorage } from "../storage/local";
import { createTestDb, type TestDb } from "../testing/db";
import { importManifestBundle, parseBundleForm } from "./bundle";

describe(`manifest bundles (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  let dir: string;
  let storage: LocalStorage;
  let projectId: string;
  let one: Buffer;
  let two: Buffer;
  let stored: { sha256: string; id: string };
  const tmpEntries = () => fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith("srt-manifest-"));
  const line = (o: object) => JSON.stringify(o);

  beforeAll(async () => {
    t = await createTestDb();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "srt-bundle-test-"));
    storage = new LocalStorage(path.join(dir, "assets"));
    projectId = (await t.db.project.create({ data: { name: "b", slug: "bundle", settings: {} } })).id;
    one = await patternImage(320, 240, 31).jpeg().toBuffer();
    two = await patternImage(300, 200, 32).png().toBuffer();
    const uploaded = await ingestImage(t.db, storage, { projectId, buffer: await patternImage(280, 280, 33).png().toBuffer(), filename: "before.png" });
    stored = { sha256: uploaded.asset!.sha256, id: uploaded.asset!.id };
  });
  afterAll(async () => {
    await t?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("imports lines whose images are sent with the manifest or referenced by sha256, and reports per line", async () => {
    const before = tmpEntries();
    const manifest = [
      line({ image: "img/one.jpg", question: "What colour is it?", answer_type: "SHORT_ANSWER", ground_truth: "red" }),
      line({ image: "two.png", question: "Is it round?", answer_type: "YES_NO", ground_truth: "yes" }),
      "",
      line({ image: `sha256:${stored.sha256.toUpperCase()}`, question: "How many shapes?", answer_type: "NUMBER", ground_truth: "3" }),
      line({ image: `sha256:${"0".repeat(64)}`, question: "Missing?", answer_type: "YES_NO", ground_truth: "no" }),
      line({ image: "img/absent.jpg", question: "Absent?", answer_type: "YES_NO", ground_truth: "no" }),
      "{not json",
    ].join("\n");
    const report = await importManifestBundle(
      t.db,
      storage,
      { manifest, manifestName: "batch.jsonl", files: [{ path: "img/one.jpg", data: new Blob([new Uint8Array(one)]) }, { path: "two.png", data: two }, { path: "extra.png", data: two }] },
      { projectId, uploadedById: null, concurrency: 1, source: "api" },
    );
    expect(report).toMatchObject({ imported: 3, duplicates: 0, rejected: 0 });
    const failures = Object.fromEntries(report.failedLines.map((f) => [f.line, f]));
    expect(Object.keys(failures).map(Number).sort()).toEqual([5, 6, 7]);
    expect(failures[5].file).toBe(`sha256:${"0".repeat(64)}`);
    expect(failures[5].error).toMatch(/^line 5: image: no image with sha256 0{64} in this project/);
    expect(failures[6].error).toMatch(/^line 6: image: file not found: img\/absent\.jpg/);
    expect(failures[7].error).toMatch(/^line 7: /);
    expect(report.unusedFiles).toEqual(["extra.png"]);
    const byLine = Object.fromEntries(report.results.map((r) => [r.line, r]));
    expect(byLine[4]).toMatchObject({ status: "imported", assetId: stored.id, file: `sha256:${stored.sha256.toUpperCase()}` });

    const items = await t.db.item.findMany({ where: { projectId }, include: { asset: true }, orderBy: { question: "asc" } });
    expect(items.map((i) => [i.question, i.asset.originalFilename])).toEqual([
      ["How many shapes?", "before.png"],
      ["Is it round?", "two.png"],
      ["What colour is it?", "one.jpg"],
    ]);
    expect(items.find((i) => i.question === "Is it round?")?.asset.source).toBe("api");
    const audit = await t.db.auditEvent.findFirst({ where: { entity: "Item", entityId: items[0].id, action: "import" } });
    expect(audit?.after).toMatchObject({ manifest: "batch.jsonl", line: 4 });
    // The temporary folder is gone.
    expect(tmpEntries()).toEqual(before);

    // Sending the same bundle again imports nothing new.
    const again = await importManifestBundle(t.db, storage, { manifest, files: [{ path: "img/one.jpg", data: one }, { path: "two.png", data: two }] }, { projectId, concurrency: 1 });
    expect(again).toMatchObject({ imported: 0, duplicates: 3 });
  });

  it("refuses a bundle it cannot lay out, naming the part", async () => {
    const before = tmpEntries();
    const manifest = line({ image: "a.png", question: "q?", answer_type: "YES_NO", ground_truth: "yes" });
    const cases: [Parameters<typeof importManifestBundle>[2], string, RegExp][] = [
      [{ manifest: "  \n", files: [] }, "manifest", /is empty/],
      [{ manifest, files: [{ path: "../a.png", data: two }] }, "images", /escapes it with \.\./],
      [{ manifest, files: [{ path: "/etc/a.png", data: two }] }, "images", /not absolute/],
      [{ manifest, files: [{ path: "a.png", data: two }, { path: "./a.png", data: two }] }, "images", /sent twice/],
    ];
    for (const [bundle, field, message] of cases) {
      const error = await importManifestBundle(t.db, storage, bundle, { projectId }).catch((e) => e);
      expect(error).toBeInstanceOf(ZodError);
      expect((error as ZodError).issues[0].path).toEqual([field]);
      expect((error as ZodError).issues[0].message).toMatch(message);
    }
    expect(tmpEntries()).toEqual(before);
  });

  it("reads a multipart bundle: the manifest as a file or text, images named by their filename, provenance", async () => {
    const form = new FormData();
    form.append("manifest", new File(['{"image": "img/a.png"}\n'], "batch.jsonl"));
    form.append("images", new File([new Uint8Array(two)], "img/a.png"));
    form.append("images", new File([new Uint8Array(one)], "b.jpg"));
    form.append("license", "CC0-1.0");
    const parsed = await parseBundleForm(form);
    expect(Buffer.from(parsed.manifest).toString()).toBe('{"image": "img/a.png"}\n');
    expect(parsed).toMatchObject({ manifestName: "batch.jsonl", license: "CC0-1.0", source: "", attribution: "" });
    expect(parsed.files.map((f) => f.path)).toEqual(["img/a.png", "b.jpg"]);

    const text = new FormData();
    text.append("manifest", "{}");
    expect((await parseBundleForm(text)).manifest).toBe("{}");

    const bad = new FormData();
    bad.append("images", "not a file");
    bad.append("licence", "typo");
    bad.append("source", "x".repeat(501));
    const error = (await parseBundleForm(bad).catch((e) => e)) as ZodError;
    expect(error).toBeInstanceOf(ZodError);
    expect(error.issues.map((i) => i.path.join(".")).sort()).toEqual(["images", "licence", "manifest", "source"]);
  });
});
