// Golden files: every format × variant exported from the fixed fixture must match lib/export/__golden__
// byte for byte (images are covered by the manifest's sha256 list). Regenerate with UPDATE_GOLDEN=1.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../testing/db";
import { runExport } from "./run";
import { EXPORT_FORMATS, EXPORT_VARIANTS } from "./schemas";
import { FIXTURE_CREATED_AT, FIXTURE_PROJECT_ID, seedFixture, type Fixture } from "./testing/fixture";
import { validateFile } from "./validate";

const GOLDEN_DIR = path.join(import.meta.dirname, "__golden__");
const UPDATE = process.env.UPDATE_GOLDEN === "1";
export const GOLDEN_SPLITS = "train=0.6,val=0.2,test=0.2";

function dataFiles(dir: string): string[] {
  return fs.readdirSync(dir).filter((f) => f !== "images").sort();
}

describe(`golden exports (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  let fixture: Fixture;
  let outRoot: string;
  beforeAll(async () => {
    t = await createTestDb();
    fixture = await seedFixture(t.db);
    outRoot = fs.mkdtempSync(path.join(os.tmpdir(), "srt-golden-"));
  });
  afterAll(async () => {
    await t?.drop();
    fixture?.cleanup();
    if (outRoot) fs.rmSync(outRoot, { recursive: true, force: true });
  });

  const cases = EXPORT_FORMATS.flatMap((format) => EXPORT_VARIANTS.map((variant) => [format, variant] as const));
  it.each(cases)("%s × %s matches its golden files and validates", async (format, variant) => {
    const name = `${format}-${variant}`;
    const out = path.join(outRoot, name);
    const result = await runExport(t.db, fixture.storage, { format, variant, seed: 42, splits: GOLDEN_SPLITS }, { projectId: FIXTURE_PROJECT_ID, outDir: out, createdAt: FIXTURE_CREATED_AT });
    expect(result.counts.records).toBe(12); // 6 approved items × 2 follow-ups; the draft is left out
    const golden = path.join(GOLDEN_DIR, name);
    if (UPDATE) {
      fs.rmSync(golden, { recursive: true, force: true });
      fs.mkdirSync(golden, { recursive: true });
      for (const file of dataFiles(out)) fs.copyFileSync(path.join(out, file), path.join(golden, file));
    }
    expect(dataFiles(out)).toEqual(dataFiles(golden));
    for (const file of dataFiles(out)) {
      expect(fs.readFileSync(path.join(out, file), "utf8"), `${name}/${file}`).toBe(fs.readFileSync(path.join(golden, file), "utf8"));
    }
    // The real export, images included, passes its own validator.
    for (const split of result.manifest.parameters.splits) {
      const file = path.join(out, `${split.name}.${format === "llava" ? "json" : "jsonl"}`);
      const report = await validateFile(file, format);
      expect(report.errors, `${name}/${split.name}`).toEqual([]);
    }
  });
});
