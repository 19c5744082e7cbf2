import { describe, expect, it } from "vitest";
import { looksLikeSvg, sniffFormat } from "./format";

const bytes = (...parts: (number[] | string)[]) => Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "latin1") : Buffer.from(p))));

describe("sniffFormat", () => {
  it("recognises accepted formats by their magic numbers", () => {
    expect(sniffFormat(bytes([0xff, 0xd8, 0xff, 0xe0]))).toEqual({ kind: "image", format: "jpeg" });
    expect(sniffFormat(bytes([0x89], "PNG\r\n\x1a\n"))).toEqual({ kind: "image", format: "png" });
    expect(sniffFormat(bytes("GIF89a...."))).toEqual({ kind: "image", format: "gif" });
    expect(sniffFormat(bytes("RIFF", [1, 2, 3, 4], "WEBPVP8 "))).toEqual({ kind: "image", format: "webp" });
    expect(sniffFormat(bytes("II*\0...."))).toEqual({ kind: "image", format: "tiff" });
    expect(sniffFormat(bytes("MM\0*...."))).toEqual({ kind: "image", format: "tiff" });
    expect(sniffFormat(bytes([0, 0, 0, 0x1c], "ftypavif", [0, 0, 0, 0], "mif1miaf"))).toEqual({ kind: "image", format: "avif" });
    expect(sniffFormat(bytes([0, 0, 0, 0x18], "ftypmif1", [0, 0, 0, 0], "avifmiaf"))).toEqual({ kind: "image", format: "avif" });
  });
  it("names formats it refuses", () => {
    expect(sniffFormat(bytes([0, 0, 0, 0x18], "ftypheic", [0, 0, 0, 0], "mif1heic"))).toEqual({ kind: "refused", what: "heic" });
    expect(sniffFormat(bytes("%PDF-1.7"))).toEqual({ kind: "refused", what: "pdf" });
    expect(sniffFormat(bytes('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"/>'))).toEqual({ kind: "refused", what: "svg" });
  });
  it("does not recognise arbitrary bytes or short input", () => {
    expect(sniffFormat(bytes("hello world"))).toEqual({ kind: "unknown" });
    expect(sniffFormat(bytes([0xff, 0xd8]))).toEqual({ kind: "unknown" });
    expect(sniffFormat(Buffer.alloc(0))).toEqual({ kind: "unknown" });
  });
  it("spots SVG behind a UTF-8 BOM, whitespace or a comment, in any case", () => {
    expect(looksLikeSvg(bytes([0xef, 0xbb, 0xbf], "  <SVG width='1'/>"))).toBe(true);
    expect(looksLikeSvg(bytes("<!-- x --><svg/>"))).toBe(true);
    expect(looksLikeSvg(bytes("<html><body>no vector here</body></html>"))).toBe(false);
  });
});
