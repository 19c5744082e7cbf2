import { describe, expect, it } from "vitest";
import { DISPLAY_MAX_SIDE, THUMBNAIL_MAX_SIDE } from "../limits";
import { tooLargeResult } from "./upload-result";
import { assetHref, imageUrl, variantSize } from "./urls";

describe("image addresses", () => {
  it("are content-addressed and scoped to the project", () => {
    expect(imageUrl("proj1", "f".repeat(64), "thumb")).toBe(`/api/images/proj1/${"f".repeat(64)}/thumb`);
    expect(assetHref("demo", "a1")).toBe("/projects/demo/assets/a1");
  });
});

describe("variantSize", () => {
  it("scales to the variant's longest side, never up, keeping the aspect", () => {
    expect(variantSize(4000, 3000, "thumb")).toEqual({ width: THUMBNAIL_MAX_SIDE, height: 192 });
    expect(variantSize(3000, 4000, "display")).toEqual({ width: 1536, height: DISPLAY_MAX_SIDE });
    expect(variantSize(100, 50, "thumb")).toEqual({ width: 100, height: 50 });
    expect(variantSize(5000, 10, "thumb")).toEqual({ width: 256, height: 1 });
    expect(variantSize(4000, 3000, "original")).toEqual({ width: 4000, height: 3000 });
  });
});

describe("sizes in messages", () => {
  it("refuses a file over the limit before it is sent", () => {
    expect(tooLargeResult("a.png", 10, 10)).toBeNull();
    expect(tooLargeResult("a.png", 3 * 1024 * 1024, 1024 * 1024)).toMatchObject({
      status: "rejected",
      code: "TOO_MANY_BYTES",
      reason: "the file is 3.0 MB, over the 1.0 MB limit",
    });
  });
});
