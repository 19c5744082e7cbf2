// Golden files: every format × variant exported from the fixed fixture must match lib/export/__golden__
// byte for byte (images are covered by the manifest's sha256 list); the one-round injection fixture
// (follow-ups whose opinion comes with the question: two-turn conversations) has its own goldens in
// __golden__/in-first-turn. Regenerate with UPDATE_GOLDEN=1.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../testing/db";
import { runExport } from "./run";
import { EXPORT_FORMATS, EXPORT_VARIANTS } from "./schemas";
import { FIRST_TURN_ITEMS, FIXTURE_CREATED_AT, FIXTURE_ITEMS, FIXTURE_PROJECT_ID, seedFixture, type Fixture } from "./testing/fixture";
import { validateFile } from "./validate";

const GOLDEN_DIR = path.join(import.meta.dirname, "__golden__");
const UPDATE = process.env.UPDATE_GOLDEN === "1";
export const GOLDEN_SPLITS = "train=0.6,val=0.2,test=0.2";

function dataFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).filter((f) => f.isFile()).map((f) => f.name).sort();
}

const SUITES = [
  // 6 approved items × 2 follow-ups; the draft is left out
  { name: "golden exports", items: FIXTURE_ITEMS, dir: GOLDEN_DIR, records: 12 },
  // 4 items × 2 follow-ups, 7 of them in the first turn
  { name: "golden exports of one-round injection", items: FIRST_TURN_ITEMS, dir: path.join(GOLDEN_DIR, "in-first-turn"), records: 8 },
];

describe.each(SUITES)(`$name (${process.env.SRT_TEST_DB ?? "sqlite"})`, ({ items, dir, records }) => {
  let t: TestDb;
  let fixture: Fixture;
  let outRoot: string;
  beforeAll(async () => {
    t = await createTestDb();
    fixture = await seedFixture(t.db, items);
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
    expect(result.counts.records).toBe(records);
    const golden = path.join(dir, name);
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
