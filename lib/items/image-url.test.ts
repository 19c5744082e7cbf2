import { describe, expect, it } from "vitest";
import { imageUrl, imageUrlForKey, shaFromKey } from "./image-url";

const sha = "ab".repeat(32);

describe("image URLs", () => {
  it("reads the sha256 from every kind of storage key", () => {
    expect(shaFromKey(`display/${sha}.webp`)).toBe(sha);
    expect(shaFromKey(`thumbs/${sha}.webp`)).toBe(sha);
    expect(shaFromKey(`originals/${sha}`)).toBe(sha);
    expect(shaFromKey("d/p-xyz")).toBeNull();
  });

  it("builds the image route's URL", () => {
    expect(imageUrl("p1", sha, "thumb")).toBe(`/api/images/p1/${sha}/thumb`);
    expect(imageUrlForKey("p1", `display/${sha}.webp`, "display")).toBe(`/api/images/p1/${sha}/display`);
    expect(imageUrlForKey("p1", "nonsense", "display")).toBeNull();
  });
});
