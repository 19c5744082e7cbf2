import { describe, expect, it } from "vitest";
import { slugSchema } from "./schemas";
import { SLUG_MAX, slugFromName } from "./slug";

describe("slugFromName", () => {
  it("lowercases and joins words with single dashes", () => {
    expect(slugFromName("MM-SY pilot (v2)")).toBe("mm-sy-pilot-v2");
    expect(slugFromName("  Demo:  coloured shapes ")).toBe("demo-coloured-shapes");
  });

  it("drops accents and leaves nothing for a name without letters or digits", () => {
    expect(slugFromName("Études élémentaires")).toBe("etudes-elementaires");
    expect(slugFromName("!!!")).toBe("");
  });

  it("always gives a slug the schema accepts, at most the maximum length", () => {
    for (const name of ["a".repeat(80), `${"ab ".repeat(30)}`, "x-".repeat(40), "Zürich 2024 — batch #3"]) {
      const slug = slugFromName(name);
      expect(slug.length).toBeLessThanOrEqual(SLUG_MAX);
      expect(slugSchema.safeParse(slug).success).toBe(true);
    }
  });
});
