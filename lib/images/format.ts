// Format detection from the bytes only: a file's name or extension never decides what it is.

export const ACCEPTED_FORMATS = ["jpeg", "png", "webp", "gif", "tiff", "avif"] as const;
export type ImageFormat = (typeof ACCEPTED_FORMATS)[number];

export const MIME_BY_FORMAT: Record<ImageFormat, string> = {
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  gif: "image/gif",
  tiff: "image/tiff",
  avif: "image/avif",
};

/** The file extension for an image's MIME type ("image/jpeg" → "jpg"); "bin" for anything we do not accept. */
export function imageExtension(mime: string): string {
  const format = ACCEPTED_FORMATS.find((f) => MIME_BY_FORMAT[f] === mime.toLowerCase());
  return format === undefined ? "bin" : format === "jpeg" ? "jpg" : format;
}

/** What the leading bytes say: an accepted format, a known-but-refused kind, or nothing recognisable. */
export type Sniffed =
  | { kind: "image"; format: ImageFormat }
  | { kind: "refused"; what: "svg" | "heic" | "pdf" | "bmp" | "ico" | "jxl" | "jp2" | "psd" }
  | { kind: "unknown" };

function startsWith(buf: Buffer, bytes: number[]): boolean {
  return buf.length >= bytes.length && bytes.every((b, i) => buf[i] === b);
}

function ascii(buf: Buffer, start: number, end: number): string {
  return buf.toString("latin1", start, Math.min(end, buf.length));
}

// ISO-BMFF (HEIF family): `ftyp` box at offset 4, then the major brand and compatible brands.
function isoBrands(buf: Buffer): string[] | null {
  if (buf.length < 16 || ascii(buf, 4, 8) !== "ftyp") return null;
  const boxSize = Math.min(buf.readUInt32BE(0), buf.length, 256);
  const brands = [ascii(buf, 8, 12)];
  for (let i = 16; i + 4 <= boxSize; i += 4) brands.push(ascii(buf, i, i + 4));
  return brands;
}

/** SVG (or any XML/HTML text that could carry a script): refused even when named .png. */
export function looksLikeSvg(buf: Buffer): boolean {
  const head = ascii(buf, 0, 1024).replace(/^\uFEFF|^\xEF\xBB\xBF/, "").trimStart().toLowerCase();
  // Markup that mentions <svg> up front (after an XML declaration, doctype or comment) is treated as SVG.
  return head.startsWith("<") && head.includes("<svg");
}

export function sniffFormat(input: Uint8Array): Sniffed {
  const buf = Buffer.isBuffer(input) ? input : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (startsWith(buf, [0xff, 0xd8, 0xff])) return { kind: "image", format: "jpeg" };
  if (startsWith(buf, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { kind: "image", format: "png" };
  if (ascii(buf, 0, 6) === "GIF87a" || ascii(buf, 0, 6) === "GIF89a") return { kind: "image", format: "gif" };
  if (ascii(buf, 0, 4) === "RIFF" && ascii(buf, 8, 12) === "WEBP") return { kind: "image", format: "webp" };
  if (startsWith(buf, [0x49, 0x49, 0x2a, 0x00]) || startsWith(buf, [0x4d, 0x4d, 0x00, 0x2a])) return { kind: "image", format: "tiff" };
  const brands = isoBrands(buf);
  if (brands) {
    if (brands.includes("avif") || brands.includes("avis")) return { kind: "image", format: "avif" };
    if (brands.some((b) => ["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"].includes(b))) return { kind: "refused", what: "heic" };
  }
  if (ascii(buf, 0, 5) === "%PDF-") return { kind: "refused", what: "pdf" };
  if (ascii(buf, 0, 2) === "BM") return { kind: "refused", what: "bmp" };
  if (startsWith(buf, [0x00, 0x00, 0x01, 0x00])) return { kind: "refused", what: "ico" };
  if (startsWith(buf, [0xff, 0x0a]) || startsWith(buf, [0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20])) return { kind: "refused", what: "jxl" };
  if (startsWith(buf, [0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20]) || startsWith(buf, [0xff, 0x4f, 0xff, 0x51])) return { kind: "refused", what: "jp2" };
  if (ascii(buf, 0, 4) === "8BPS") return { kind: "refused", what: "psd" };
  if (looksLikeSvg(buf)) return { kind: "refused", what: "svg" };
  return { kind: "unknown" };
}
