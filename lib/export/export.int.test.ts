// runExport against a real database: determinism, grouping of near-duplicates, the frozen test set,
// filters, archives and all-or-nothing output.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import zlib from "node:zlib";
import tar from "tar-stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../testing/db";
import { OutputExists, runExport, type RunExportOptions } from "./run";
import type { ExportParamsInput } from "./schemas";
import { FIXTURE_PROJECT_ID, imageSha, seedFixture, type Fixture } from "./testing/fixture";

interface Line {
  follow_up_id: string;
  asset_id: string;
  split: string;
}

describe(`runExport (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  let fixture: Fixture;
  let root: string;
  let n = 0;
  beforeAll(async () => {
    t = await createTestDb();
    fixture = await seedFixture(t.db);
    root = fs.mkdtempSync(path.join(os.tmpdir(), "srt-export-"));
  });
  afterAll(async () => {
    await t?.drop();
    fixture?.cleanup();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  const run = (params: ExportParamsInput, options: Partial<RunExportOptions> = {}) =>
    runExport(t.db, fixture.storage, params, { projectId: FIXTURE_PROJECT_ID, outDir: path.join(root, `out-${++n}`), ...options });

  /** Every record of an srt export, read back from its split files. */
  const recordsOf = (dir: string): Line[] =>
    fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".jsonl"))
      .flatMap((f) => fs.readFileSync(path.join(dir, f), "utf8").trim().split("\n").filter(Boolean))
      .map((line) => JSON.parse(line) as Line);
  const splitOfAsset = (dir: string) => new Map(recordsOf(dir).map((r) => [r.asset_id, r.split]));
  const testAssets = (dir: string) => new Set(recordsOf(dir).filter((r) => r.split === "test").map((r) => r.asset_id));
  const setThreshold = (nearDuplicateThreshold: number) =>
    t.db.project.update({ where: { id: FIXTURE_PROJECT_ID }, data: { settings: { nearDuplicateThreshold } } });

  it("is deterministic: same data and parameters give byte-identical data files", async () => {
    const params = { seed: 7, splits: "train=0.5,val=0.25,test=0.25" };
    const a = await run(params);
    const b = await run(params, { createdAt: new Date("2030-01-01T00:00:00Z") });
    const dataFiles = a.manifest.files.map((f) => f.path).filter((p) => p !== "README.md");
    expect(dataFiles.length).toBeGreaterThan(3);
    for (const file of dataFiles) {
      expect(fs.readFileSync(path.join(b.outputPath, file)).equals(fs.readFileSync(path.join(a.outputPath, file))), file).toBe(true);
    }
    // Reading in tiny pages (page boundaries inside and between items) changes nothing.
    for (const pageSize of [1, 3]) {
      const paged = await run(params, { pageSize });
      for (const file of dataFiles) {
        expect(fs.readFileSync(path.join(paged.outputPath, file)).equals(fs.readFileSync(path.join(a.outputPath, file))), `${file} (page ${pageSize})`).toBe(true);
      }
    }
    // Hashed and written on a thread of their own (large exports) or in line: the same files and digests,
    // for JSON Lines and a JSON list (LLaVA) alike.
    for (const format of ["srt", "llava"] as const) {
      const createdAt = new Date("2030-01-01T00:00:00Z");
      const inline = await run({ ...params, format }, { threadedWriter: false, createdAt });
      const threaded = await run({ ...params, format }, { threadedWriter: true, createdAt });
      expect(threaded.manifest.files).toEqual(inline.manifest.files);
      for (const file of inline.manifest.files.map((f) => f.path)) {
        expect(fs.readFileSync(path.join(threaded.outputPath, file)).equals(fs.readFileSync(path.join(inline.outputPath, file))), `${format} ${file}`).toBe(true);
      }
    }
    // Only created_at differs in the manifest.
    expect({ ...b.manifest, created_at: "", files: [] }).toEqual({ ...a.manifest, created_at: "", files: [] });
    // A different seed gives a different assignment.
    const splitsBySeed = new Set<string>();
    for (const seed of [1, 2, 3, 4, 5]) {
      const r = await run({ seed, splits: "train=0.5,val=0.25,test=0.25" });
      splitsBySeed.add(JSON.stringify([...splitOfAsset(r.outputPath)].sort()));
    }
    expect(splitsBySeed.size).toBeGreaterThan(1);
  });

  it("never puts near-duplicate images in two splits", async () => {
    // img-02b is img-02 re-encoded (phash 3 bits apart): grouped, they share a split under every seed.
    for (let seed = 1; seed <= 12; seed++) {
      const r = await run({ seed, splits: "train=0.4,val=0.3,test=0.3" });
      const splits = splitOfAsset(r.outputPath);
      expect(splits.get("img-02b"), `seed ${seed}`).toBe(splits.get("img-02"));
      expect(r.manifest.grouping).toMatchObject({ images: 6, groups: 5 });
    }
    // The check has teeth: without grouping (threshold 0) some seed separates them.
    await setThreshold(0);
    try {
      let separated = false;
      for (let seed = 1; seed <= 12 && !separated; seed++) {
        const splits = splitOfAsset((await run({ seed, splits: "train=0.4,val=0.3,test=0.3" })).outputPath);
        separated = splits.get("img-02b") !== splits.get("img-02");
      }
      expect(separated).toBe(true);
    } finally {
      await setThreshold(10);
    }
  });

  it("keeps a frozen test set in test on later exports, whatever the seed", async () => {
    const splits = "train=0.6,val=0.2,test=0.2";
    const first = await run({ seed: 1, splits, frozenTest: true }, { actorId: "user-annotator" });
    const frozen = testAssets(first.outputPath);
    expect(frozen.size).toBeGreaterThan(0);
    const rows = await t.db.frozenTestImage.findMany({ where: { projectId: FIXTURE_PROJECT_ID } });
    expect(rows.map((r) => r.sha256).sort()).toEqual([...frozen].map(imageSha).sort());
    const audit = await t.db.auditEvent.findMany({ where: { entity: "Project", entityId: FIXTURE_PROJECT_ID, action: "export.freeze-test" } });
    expect(audit).toHaveLength(1);
    expect(audit[0].actorId).toBe("user-annotator");

    // Find a seed that, left alone, would move a frozen image out of test...
    let seed = 2;
    for (; seed < 40; seed++) {
      const free = testAssets((await run({ seed, splits })).outputPath);
      if ([...frozen].some((a) => !free.has(a))) break;
    }
    expect(seed).toBeLessThan(40);
    // ...and check the frozen export keeps every frozen image in test with that seed.
    const later = await run({ seed, splits, frozenTest: true });
    const laterTest = testAssets(later.outputPath);
    for (const asset of frozen) expect(laterTest.has(asset), asset).toBe(true);
    expect(later.manifest.grouping.pinned_to_test).toBeGreaterThan(0);
    await t.db.frozenTestImage.deleteMany({ where: { projectId: FIXTURE_PROJECT_ID } });
  });

  it("applies the filters", async () => {
    const count = async (filters: ExportParamsInput["filters"]) => (await run({ filters })).counts.records;
    expect(await count({ tags: ["rain"] })).toBe(2);
    expect(await count({ tags: ["rain", "animals"] })).toBe(4);
    expect(await count({ minScore: 4.5 })).toBe(10); // item-04 has mean 3.6
    expect(await count({ minScore: 3.6 })).toBe(12); // the boundary is inclusive on both databases
    expect(await count({ minScore: 3.601 })).toBe(10);
    expect(await count({ includeGold: false })).toBe(10); // item-03 is gold
    expect(await count({ statuses: ["DRAFT"] })).toBe(2);
    expect(await count({ statuses: ["APPROVED", "DRAFT"] })).toBe(14);
  });

  it("writes an archive only when complete, with the same bytes for the same export", async () => {
    const createdAt = new Date("2026-02-02T00:00:00Z");
    const outDir = path.join(root, "archived");
    const a = await runExport(t.db, fixture.storage, { tar: true }, { projectId: FIXTURE_PROJECT_ID, outDir, createdAt });
    expect(a.outputPath).toBe(`${outDir}.tar.gz`);
    expect(fs.existsSync(outDir)).toBe(false);
    const bytes = fs.readFileSync(a.outputPath);
    expect(createHash("sha256").update(bytes).digest("hex")).toBe(a.sha256);

    const names: string[] = [];
    let manifest = "";
    const extract = tar.extract();
    extract.on("entry", (header, stream, next) => {
      names.push(header.name);
      const chunks: Buffer[] = [];
      stream.on("data", (c: unknown) => chunks.push(c as Buffer));
      stream.on("end", () => {
        if (header.name === "archived/manifest.json") manifest = Buffer.concat(chunks).toString("utf8");
        next();
      });
    });
    await pipeline(fs.createReadStream(a.outputPath), zlib.createGunzip(), extract);
    expect(names).toContain("archived/train.jsonl");
    expect(names.filter((name) => name.startsWith("archived/images/") && !name.endsWith("/"))).toHaveLength(6);
    expect(JSON.parse(manifest).counts.records).toBe(12);

    const b = await runExport(t.db, fixture.storage, { tar: true }, { projectId: FIXTURE_PROJECT_ID, outDir: path.join(root, "archived-again"), createdAt });
    // Entries are prefixed with the folder name, so another name is another archive...
    expect(b.sha256).not.toBe(a.sha256);
    // ...while the same name and time give the same bytes.
    const c = await runExport(t.db, fixture.storage, { tar: true }, { projectId: FIXTURE_PROJECT_ID, outDir, createdAt, overwrite: true });
    expect(c.sha256).toBe(a.sha256);
  });

  it("refuses to overwrite an export unless asked, and leaves nothing behind when cancelled", async () => {
    const outDir = path.join(root, "guarded");
    await runExport(t.db, fixture.storage, {}, { projectId: FIXTURE_PROJECT_ID, outDir });
    await expect(runExport(t.db, fixture.storage, {}, { projectId: FIXTURE_PROJECT_ID, outDir })).rejects.toThrow(OutputExists);
    const replaced = await runExport(t.db, fixture.storage, { seed: 9 }, { projectId: FIXTURE_PROJECT_ID, outDir, overwrite: true });
    expect(replaced.manifest.seed).toBe(9);

    const cancelled = path.join(root, "cancelled");
    const controller = new AbortController();
    await expect(
      runExport(t.db, fixture.storage, {}, {
        projectId: FIXTURE_PROJECT_ID,
        outDir: cancelled,
        pageSize: 1,
        signal: controller.signal,
        onProgress: (p) => p.phase === "writing" && p.done > 0 && controller.abort(),
      }),
    ).rejects.toThrow();
    expect(fs.existsSync(cancelled)).toBe(false);
    expect(fs.readdirSync(root).filter((f) => f.includes(".tmp-"))).toEqual([]);
  });

  it("fails without output when an image is missing from storage", async () => {
    await fixture.storage.delete(`originals/${imageSha("img-04")}`);
    try {
      const outDir = path.join(root, "missing-image");
      await expect(run({}, { outDir })).rejects.toThrow(/image [0-9a-f]{64}: not found in storage/);
      expect(fs.existsSync(outDir)).toBe(false);
      // The text-only variant needs no image files.
      expect((await run({ variant: "text-only" })).counts.records).toBe(12);
    } finally {
      const { imageBytes } = await import("./testing/fixture");
      await fixture.storage.put(`originals/${imageSha("img-04")}`, imageBytes("img-04"), "image/jpeg");
    }
  });
});
