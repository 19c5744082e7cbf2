// Split planning against a real database: filters and grouping count, and the one-query planner gives
// exactly the plan the item-paged planner it replaced gave (lib/export/testing/plan-by-item-pages.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../testing/db";
import { planSplits, type SplitPlan } from "./plan";
import { parseExportParams, type ExportParamsInput } from "./schemas";
import { FIXTURE_IMAGES, FIXTURE_PROJECT_ID, seedFixture, type Fixture } from "./testing/fixture";
import { GENERATED_PROJECT_ID, seedGeneratedProject, type GeneratedProject } from "./testing/generated-project";
import { planSplitsByItemPages } from "./testing/plan-by-item-pages";

describe(`planSplits (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  let fixture: Fixture;
  let generated: GeneratedProject;
  beforeAll(async () => {
    t = await createTestDb();
    fixture = await seedFixture(t.db);
    generated = await seedGeneratedProject(t.db);
  });
  afterAll(async () => {
    await t?.drop();
    fixture?.cleanup();
  });

  const input = (projectId: string, params: ExportParamsInput, frozen: ReadonlySet<string> = new Set()) => ({
    projectId,
    params: parseExportParams(params),
    nearDuplicateThreshold: 10,
    frozen,
  });
  const plan = (params: ExportParamsInput = {}) => planSplits(t.db, input(FIXTURE_PROJECT_ID, params));
  const splitsOf = (p: SplitPlan, assetIds: readonly string[]) => assetIds.map((id) => p.splitAt(p.assetIndex(id)!));
  const summary = (p: SplitPlan) => ({ records: p.records, images: p.images, groups: p.groups, pinnedGroups: p.pinnedGroups, assetCount: p.assetCount, splitNames: p.splitNames });
  const fixtureIds = FIXTURE_IMAGES.map((image) => image.id);

  it("plans the fixture as the item-paged planner did, whatever that one's page sizes", async () => {
    const params = { seed: 3, splits: "train=0.5,val=0.25,test=0.25" };
    const whole = await plan(params);
    expect(whole).toMatchObject({ records: 12, images: 6, groups: 5, pinnedGroups: 0, assetCount: 6 });
    // img-02 and its re-encoded copy img-02b share a split.
    const splits = splitsOf(whole, fixtureIds);
    expect(splits[fixtureIds.indexOf("img-02b")]).toBe(splits[fixtureIds.indexOf("img-02")]);
    for (const pageSizes of [{ assets: 1, items: 1 }, { assets: 2, items: 3 }, { assets: 5, items: 2 }, {}]) {
      const paged = await planSplitsByItemPages(t.db, { ...input(FIXTURE_PROJECT_ID, params), pageSizes });
      expect(summary(paged), JSON.stringify(pageSizes)).toEqual(summary(whole));
      expect(splitsOf(paged, fixtureIds), JSON.stringify(pageSizes)).toEqual(splits);
    }
  });

  it("counts only selected records, and gives images without records no split", async () => {
    const rain = await plan({ filters: { tags: ["rain"] } });
    expect(rain).toMatchObject({ records: 2, images: 1, groups: 1 });
    expect(splitsOf(rain, fixtureIds).filter((s) => s >= 0)).toHaveLength(1);
    expect(rain.assetIndex("no-such-asset")).toBeUndefined();
  });

  const generatedCases: [string, ExportParamsInput, boolean][] = [
    ["defaults", {}, false],
    ["three splits, another seed", { seed: "abc", splits: "train=0.5,val=0.25,test=0.25" }, false],
    ["several statuses, a tag, no gold", { seed: 5, filters: { statuses: ["APPROVED", "SUBMITTED", "REJECTED"], tags: ["a", "c"], includeGold: false } }, false],
    ["text-only, minimum score, model-unedited left out", { variant: "text-only", filters: { minScore: 3.2, excludeModelUnedited: true, statuses: ["APPROVED", "DRAFT"] } }, false],
    ["frozen test set", { seed: 9, splits: "train=0.7,test=0.3", frozenTest: true, filters: { statuses: ["APPROVED", "SUBMITTED"] } }, true],
  ];
  it.each(generatedCases)("plans a generated project as the item-paged planner did: %s", async (_, params, frozen) => {
    const planInput = input(GENERATED_PROJECT_ID, params, frozen ? generated.frozen : new Set());
    const current = await planSplits(t.db, planInput);
    const reference = await planSplitsByItemPages(t.db, { ...planInput, pageSizes: { assets: 7, items: 11 } });
    expect(current.records).toBeGreaterThan(0);
    expect(current.groups).toBeLessThan(current.images); // near-duplicates were grouped
    if (frozen) expect(current.pinnedGroups).toBeGreaterThan(0);
    expect(summary(current)).toEqual(summary(reference));
    expect(splitsOf(current, generated.assetIds)).toEqual(splitsOf(reference, generated.assetIds));
  });
});
