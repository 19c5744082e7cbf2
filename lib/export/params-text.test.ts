import { describe, expect, it } from "vitest";
import { exportParamsFromText, exportSeed } from "./params-text";
import { exportParamsSchema } from "./schemas";

describe("exportParamsFromText", () => {
  it("reads the seed the same way for every shell: digits are a number, other text a string, blank the default", () => {
    expect(exportSeed("42")).toBe(42);
    expect(exportSeed(" 42 ")).toBe(42);
    expect(exportSeed("run-a")).toBe("run-a");
    expect(exportSeed("")).toBeUndefined();
    expect(exportSeed(7)).toBe(7);
    expect(exportParamsSchema.parse(exportParamsFromText({ seed: "42" })).seed).toBe(exportParamsSchema.parse({ seed: 42 }).seed);
  });

  it("turns CLI-style text into the params the schema checks", () => {
    const params = exportParamsSchema.parse(
      exportParamsFromText({ format: "llava", splits: "train=0.9,test=0.1", statuses: "approved, submitted", tags: "a, b,", minScore: "3.5", includeGold: false }),
    );
    expect(params).toMatchObject({
      format: "llava",
      splits: [{ name: "train", ratio: 0.9 }, { name: "test", ratio: 0.1 }],
      filters: { statuses: ["APPROVED", "SUBMITTED"], tags: ["a", "b"], minScore: 3.5, includeGold: false },
    });
  });

  it("turns the web form's fields into the same params, and leaves defaults to the schema", () => {
    const params = exportParamsSchema.parse(
      exportParamsFromText({ splits: [{ name: "train", ratio: "0.8" }, { name: "val", ratio: "0.1" }, { name: "test", ratio: "0.1" }], statuses: ["APPROVED"], minScore: "" }),
    );
    expect(params).toMatchObject({ seed: 42, filters: { statuses: ["APPROVED"], tags: [], minScore: null, includeGold: true } });
  });

  it("sets the model-drafted filter only when asked, so other params keep their bytes", () => {
    expect(exportParamsSchema.parse(exportParamsFromText({ excludeModelUnedited: true })).filters.excludeModelUnedited).toBe(true);
    const without = exportParamsSchema.parse(exportParamsFromText({ excludeModelUnedited: false }));
    expect(JSON.stringify(without.filters)).toBe('{"statuses":["APPROVED"],"tags":[],"minScore":null,"includeGold":true}');
  });

  it("lets the schema name the field of text that is not a value", () => {
    const result = exportParamsSchema.safeParse(exportParamsFromText({ minScore: "high", splits: [{ name: "train", ratio: "" }] }));
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path.join("."))).toEqual(expect.arrayContaining(["filters.minScore"]));
  });
});
