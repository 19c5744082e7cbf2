import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ImageRejected } from "./errors";
import { processImage, sha256Hex } from "./pipeline";
import { sharp } from "./sharp";
import { patternImage, patternPixels, pngBomb } from "./test-images";

async function rejection(promise: Promise<unknown>): Promise<ImageRejected> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImageRejected);
  return error as ImageRejected;
}

/** Mean RGB of a region of a decoded image. */
async function meanColour(image: Buffer, left: number, top: number, size = 8) {
  const { data, info } = await sharp(image).extract({ left, top, width: size, height: size }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const sums = [0, 0, 0];
  for (let i = 0; i < data.length; i += info.channels) for (let c = 0; c < 3; c++) sums[c] += data[i + c];
  return sums.map((s) => Math.round(s / (data.length / info.channels)));
}

describe("processImage", () => {
  it("converts a JPEG: content hash of the original, upright WebP derivatives without metadata", async () => {
    const jpeg = await patternImage(3000, 1000, 1).jpeg({ quality: 85 }).withExif({ IFD0: { Copyright: "someone" } }).toBuffer();
    const result = await processImage(jpeg, "photo.jpg");
    expect(result.sha256).toBe(createHash("sha256").update(jpeg).digest("hex"));
    expect(result).toMatchObject({ format: "jpeg", mime: "image/jpeg", bytes: jpeg.length, width: 3000, height: 1000 });
    expect(result.phash).toMatch(/^[0-9a-f]{16}$/);
    const display = await sharp(result.display.data).metadata();
    expect(display).toMatchObject({ format: "webp", width: 2048, height: 683, space: "srgb" });
    expect(display.exif).toBeUndefined();
    expect(result.display).toMatchObject({ width: 2048, height: 683 });
    const thumb = await sharp(result.thumbnail.data).metadata();
    expect([thumb.format, thumb.width, thumb.height]).toEqual(["webp", 256, 85]);
  });

  it("never enlarges small images", async () => {
    const png = await patternImage(120, 90, 2).png().toBuffer();
    const result = await processImage(png, "small.png");
    expect([result.display.width, result.display.height, result.thumbnail.width, result.thumbnail.height]).toEqual([120, 90, 120, 90]);
  });

  it("rejects a truncated JPEG with a per-file reason instead of crashing", async () => {
    const jpeg = await patternImage(800, 600, 3).jpeg().toBuffer();
    const error = await rejection(processImage(jpeg.subarray(0, Math.floor(jpeg.length / 2)), "cut.jpg"));
    expect(error.rejectCode).toBe("CORRUPT");
    // Words for people; the decoder's own message kept apart (shown as a tooltip in the uploader).
    expect(error.reason).toBe("the file is truncated or corrupt");
    expect(error.detail).toMatch(/jpeg/i);
    expect(error.message).toMatch(/^cut\.jpg: the file is truncated or corrupt \(.+\)$/);
  });

  it("rejects a 30000×30000 PNG bomb from its header, without decoding it", async () => {
    const bomb = pngBomb(30000, 30000);
    expect(bomb.length).toBeLessThan(2_000_000);
    const rssBefore = process.memoryUsage().rss;
    const started = Date.now();
    const error = await rejection(processImage(bomb, "bomb.png"));
    expect(error.rejectCode).toBe("TOO_MANY_PIXELS");
    expect(error.reason).toBe("30000×30000 is 900 MP, over the 100 MP limit");
    expect(Date.now() - started).toBeLessThan(5000); // header only: milliseconds when the machine is idle
    // Decoding would need 900 MB for the pixels alone.
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(200 * 1024 * 1024);
  });

  it("applies a configurable pixel limit and byte limit", async () => {
    const png = await patternImage(400, 300, 4).png().toBuffer();
    expect((await rejection(processImage(png, "a.png", { limits: { maxPixels: 100_000 } }))).rejectCode).toBe("TOO_MANY_PIXELS");
    const bytes = await rejection(processImage(png, "a.png", { limits: { maxBytes: 1000 } }));
    expect(bytes.rejectCode).toBe("TOO_MANY_BYTES");
    expect(bytes.reason).toMatch(/over the 1000 B limit/);
    expect((await processImage(png, "a.png", { limits: { maxPixels: 120_000 } })).width).toBe(400);
  });

  it("detects the format from the bytes: a PNG named .jpg is a PNG", async () => {
    const png = await patternImage(200, 100, 5).png().toBuffer();
    const result = await processImage(png, "really-a-png.jpg");
    expect([result.format, result.mime]).toEqual(["png", "image/png"]);
  });

  it("rejects a text file named .png and an empty file", async () => {
    const text = await rejection(processImage(Buffer.from("just some notes\nnot an image\n"), "notes.png"));
    expect(text.rejectCode).toBe("NOT_AN_IMAGE");
    expect(text.message).toMatch(/^notes\.png: not an image/);
    expect((await rejection(processImage(Buffer.alloc(0), "empty.png"))).rejectCode).toBe("EMPTY");
  });

  it("refuses SVG, even with a raster name and a leading BOM and comment", async () => {
    const svg = Buffer.from(
      '\uFEFF<!-- drawing --><svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script><rect width="10" height="10"/></svg>',
    );
    const error = await rejection(processImage(svg, "innocent.png"));
    expect(error.rejectCode).toBe("SVG_REFUSED");
    expect(error.reason).toMatch(/SVG is not accepted/);
  });

  it("refuses bytes that start like a PNG but are not one", async () => {
    const fake = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("garbage".repeat(20))]);
    expect((await rejection(processImage(fake, "fake.png"))).rejectCode).toBe("CORRUPT");
  });

  it("converts a CMYK JPEG to sRGB", async () => {
    const red = sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 220, g: 20, b: 20 } } });
    const cmyk = await red.toColourspace("cmyk").jpeg({ quality: 95 }).toBuffer();
    expect((await sharp(cmyk).metadata()).space).toBe("cmyk");
    const result = await processImage(cmyk, "print.jpg");
    const display = await sharp(result.display.data).metadata();
    expect([display.space, display.channels]).toEqual(["srgb", 3]);
    const [r, g, b] = await meanColour(result.display.data, 20, 20);
    expect(r).toBeGreaterThan(150);
    expect(g).toBeLessThan(90);
    expect(b).toBeLessThan(90);
  });

  it("converts a 16-bit PNG to 8-bit", async () => {
    const red = sharp({ create: { width: 64, height: 64, channels: 3, background: { r: 255, g: 0, b: 0 } } });
    const png16 = await red.toColourspace("rgb16").png().toBuffer();
    const source = await sharp(png16).metadata();
    expect([source.depth, source.bitsPerSample]).toEqual(["ushort", 16]);
    const result = await processImage(png16, "deep.png");
    const { data, info } = await sharp(result.display.data).raw().toBuffer({ resolveWithObject: true });
    expect(info.channels).toBe(3);
    expect(data.length).toBe(info.width * info.height * 3); // one byte per sample
    // 65535 maps to 255, not to a clipped or wrapped value.
    const [r, g, b] = await meanColour(result.display.data, 20, 20);
    expect(r).toBeGreaterThan(240);
    expect(g + b).toBeLessThan(20);
  });

  it("stores an EXIF-rotated JPEG upright, with width and height swapped", async () => {
    // 400×300 with a red block at the stored top-left; orientation 6 = rotate 90° clockwise to display.
    const pixels = patternPixels(400, 300, 7);
    for (let y = 0; y < 60; y++) for (let x = 0; x < 60; x++) pixels.set([255, 0, 0], (y * 400 + x) * 3);
    const jpeg = await sharp(pixels, { raw: { width: 400, height: 300, channels: 3 } }).jpeg({ quality: 95 }).withMetadata({ orientation: 6 }).toBuffer();
    const result = await processImage(jpeg, "phone.jpg");
    expect([result.width, result.height]).toEqual([300, 400]);
    expect([result.display.width, result.display.height]).toEqual([300, 400]);
    const display = await sharp(result.display.data).metadata();
    expect(display.orientation).toBeUndefined();
    const [r, g] = await meanColour(result.display.data, 300 - 40, 10); // now at the top-right
    expect(r).toBeGreaterThan(200);
    expect(g).toBeLessThan(60);
  });

  it("takes the first frame of an animated GIF", async () => {
    const frames = Buffer.alloc(50 * 40 * 3 * 3);
    for (let f = 0; f < 3; f++) for (let p = 0; p < 50 * 40; p++) frames[(f * 50 * 40 + p) * 3 + f] = 255; // red, green, blue
    const gif = await sharp(frames, { raw: { width: 50, height: 120, channels: 3, pageHeight: 40 } }).gif({ loop: 0 }).toBuffer();
    expect((await sharp(gif).metadata()).pages).toBe(3);
    const result = await processImage(gif, "anim.gif");
    expect([result.format, result.width, result.height]).toEqual(["gif", 50, 40]);
    const [r, g, b] = await meanColour(result.display.data, 10, 10);
    expect(r).toBeGreaterThan(200);
    expect(g + b).toBeLessThan(60);
  });

  it("accepts WebP, TIFF and AVIF, and keeps transparency", async () => {
    for (const [format, encode] of [
      ["webp", (s: ReturnType<typeof patternImage>) => s.webp()],
      ["tiff", (s: ReturnType<typeof patternImage>) => s.tiff()],
      ["avif", (s: ReturnType<typeof patternImage>) => s.avif({ effort: 0 })],
    ] as const) {
      const result = await processImage(await encode(patternImage(160, 120, 8)).toBuffer(), `x.${format}`);
      expect([result.format, result.width, result.height]).toEqual([format, 160, 120]);
    }
    const transparent = await sharp({ create: { width: 32, height: 32, channels: 4, background: { r: 0, g: 0, b: 255, alpha: 0 } } }).png().toBuffer();
    expect((await sharp((await processImage(transparent, "t.png")).display.data).metadata()).hasAlpha).toBe(true);
  });

  it("turns a grey image into 3-channel sRGB", async () => {
    const grey = await patternImage(100, 100, 9).greyscale().png().toBuffer();
    const display = await sharp((await processImage(grey, "grey.png")).display.data).metadata();
    expect([display.space, display.channels]).toEqual(["srgb", 3]);
  });

  it("hashes bytes with sha256", async () => {
    expect(await sha256Hex(Buffer.from("abc"))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });
});

describe("imageLimitsFromEnv", () => {
  it("reads IMAGE_MAX_PIXELS and IMAGE_MAX_BYTES, naming a bad one", async () => {
    const { imageLimitsFromEnv, DEFAULT_IMAGE_LIMITS } = await import("./limits");
    expect(imageLimitsFromEnv({})).toEqual(DEFAULT_IMAGE_LIMITS);
    expect(imageLimitsFromEnv({ IMAGE_MAX_PIXELS: "2000000", IMAGE_MAX_BYTES: "" })).toMatchObject({ maxPixels: 2_000_000, maxBytes: DEFAULT_IMAGE_LIMITS.maxBytes });
    expect(() => imageLimitsFromEnv({ IMAGE_MAX_BYTES: "lots" })).toThrow(/^IMAGE_MAX_BYTES:/);
  });
});
