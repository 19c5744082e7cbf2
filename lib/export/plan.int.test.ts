// Split planning against a real database: page boundaries change nothing, filters and grouping count.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../testing/db";
import { planSplits, type SplitPlan } from "./plan";
import { parseExportParams, type ExportParamsInput } from "./schemas";
import { FIXTURE_IMAGES, FIXTURE_PROJECT_ID, seedFixture, type Fixture } from "./testing/fixture";

describe(`planSplits (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  let fixture: Fixture;
  beforeAll(async () => {
    t = await createTestDb();
    fixture = await seedFixture(t.db);
  });
  afterAll(async () => {
    await t?.drop();
    fixture?.cleanup();
  });

  const plan = (params: ExportParamsInput = {}, pageSizes?: { assets?: number; items?: number }) =>
    planSplits(t.db, { projectId: FIXTURE_PROJECT_ID, params: parseExportParams(params), nearDuplicateThreshold: 10, frozen: new Set(), pageSizes });
  const splitsOf = (p: SplitPlan) => FIXTURE_IMAGES.map((image) => p.splitAt(p.assetIndex(image.id)!));

  it("gives the same plan whatever the page sizes", async () => {
    const whole = await plan({ seed: 3, splits: "train=0.5,val=0.25,test=0.25" });
    expect(whole).toMatchObject({ records: 12, images: 6, groups: 5, pinnedGroups: 0, assetCount: 6 });
    for (const pageSizes of [{ assets: 1, items: 1 }, { assets: 2, items: 3 }, { assets: 5, items: 2 }]) {
      const paged = await plan({ seed: 3, splits: "train=0.5,val=0.25,test=0.25" }, pageSizes);
      expect(paged.records, JSON.stringify(pageSizes)).toBe(12);
      expect(splitsOf(paged), JSON.stringify(pageSizes)).toEqual(splitsOf(whole));
    }
  });

  it("counts only selected records, and gives images without records no split", async () => {
    const rain = await plan({ filters: { tags: ["rain"] } });
    expect(rain).toMatchObject({ records: 2, images: 1, groups: 1 });
    expect(splitsOf(rain).filter((s) => s >= 0)).toHaveLength(1);
    expect(rain.assetIndex("no-such-asset")).toBeUndefined();
  });
});
