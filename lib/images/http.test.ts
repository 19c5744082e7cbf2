import { describe, expect, it } from "vitest";
import { contentDisposition, etagMatches, imageEtag, imageHeaders, imageParamsSchema, safeDownloadName } from "./http";

const SHA = "a".repeat(64);

describe("image validators", () => {
  it("makes a strong ETag from the hash and the variant", () => {
    expect(imageEtag(SHA, "thumb")).toBe(`"${SHA}-thumb"`);
    expect(imageEtag(SHA, "thumb")).not.toBe(imageEtag(SHA, "display"));
  });

  it("matches If-None-Match lists, * and weak forms; nothing else", () => {
    const etag = imageEtag(SHA, "display");
    expect(etagMatches(etag, etag)).toBe(true);
    expect(etagMatches(`"x", ${etag}`, etag)).toBe(true);
    expect(etagMatches(`W/${etag}`, etag)).toBe(true);
    expect(etagMatches("*", etag)).toBe(true);
    expect(etagMatches(imageEtag(SHA, "thumb"), etag)).toBe(false);
    expect(etagMatches(SHA, etag)).toBe(false); // unquoted
    expect(etagMatches(null, etag)).toBe(false);
    expect(etagMatches("", etag)).toBe(false);
  });

  it("sends immutable private caching, nosniff and a locked-down CSP on every image", () => {
    expect(imageHeaders("original", SHA)).toMatchObject({
      "cache-control": "private, max-age=31536000, immutable",
      "x-content-type-options": "nosniff",
      etag: `"${SHA}-original"`,
    });
  });
});

describe("image URL parameters", () => {
  it("accepts a project id, a lower-case sha256 and a known variant", () => {
    expect(imageParamsSchema.parse({ projectId: "p1", sha256: SHA, variant: "original" })).toEqual({ projectId: "p1", sha256: SHA, variant: "original" });
  });

  it("names the wrong field", () => {
    const bad = imageParamsSchema.safeParse({ projectId: "p1", sha256: "A".repeat(64), variant: "huge" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map((i) => i.path.join("."))).toEqual(["sha256", "variant"]);
    expect(imageParamsSchema.safeParse({ projectId: "p1", sha256: "../../etc/passwd", variant: "thumb" }).success).toBe(false);
  });
});

describe("download names", () => {
  it("keeps ordinary names", () => {
    expect(safeDownloadName("cat 01.jpg", "image/jpeg", SHA)).toBe("cat 01.jpg");
    expect(safeDownloadName("Привет.png", "image/png", SHA)).toBe("Привет.png");
  });

  it("drops folders, control and reserved characters, leading dots and overlong tails", () => {
    expect(safeDownloadName("../../etc/passwd", "image/png", SHA)).toBe("passwd");
    expect(safeDownloadName('a"b\r\nc;d.png', "image/png", SHA)).toBe("a_b__c_d.png");
    expect(safeDownloadName(".htaccess", "image/png", SHA)).toBe("htaccess");
    expect(safeDownloadName("x".repeat(400) + ".png", "image/png", SHA)).toHaveLength(150);
  });

  it("falls back to a hash-based name with the right extension", () => {
    expect(safeDownloadName("", "image/webp", SHA)).toBe(`image-${SHA.slice(0, 12)}.webp`);
    expect(safeDownloadName("...", "image/jpeg", SHA)).toBe(`image-${SHA.slice(0, 12)}.jpg`);
    expect(safeDownloadName('"""', "image/png", SHA)).toBe(`image-${SHA.slice(0, 12)}.png`);
  });

  it("writes a header with an ASCII fallback and the exact UTF-8 name", () => {
    expect(contentDisposition("cat.jpg", "image/jpeg", SHA)).toBe(`attachment; filename="cat.jpg"; filename*=UTF-8''cat.jpg`);
    const header = contentDisposition("été (1)'s.png", "image/png", SHA);
    expect(header).toBe(`attachment; filename="_t_ (1)'s.png"; filename*=UTF-8''%C3%A9t%C3%A9%20%281%29%27s.png`);
    expect(header).not.toMatch(/[\r\n]/);
    expect(contentDisposition("100%.png", "image/png", SHA, "inline")).toBe(`inline; filename="100_.png"; filename*=UTF-8''100%25.png`);
  });
});
