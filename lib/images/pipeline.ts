// Untrusted bytes → a validated original plus upright 8-bit sRGB WebP derivatives and content hashes.
// One decode per image: the original is decoded once to display size, and the thumbnail and the
// perceptual hash are derived from those pixels.
import { webcrypto } from "node:crypto";
import type { Metadata } from "sharp";
import { ImageRejected } from "./errors";
import { MIME_BY_FORMAT, sniffFormat, type ImageFormat } from "./format";
import { DEFAULT_IMAGE_LIMITS, DISPLAY_MAX_SIDE, DISPLAY_WEBP_OPTIONS, THUMBNAIL_MAX_SIDE, THUMBNAIL_WEBP_OPTIONS, tooManyBytesReason, type ImageLimits } from "./limits";
import { PHASH_INPUT_SIDE, phashFromGrey } from "./phash";
import { sharp } from "./sharp";

export interface DerivedImage {
  data: Buffer;
  width: number;
  height: number;
}

export interface ProcessedImage {
  /** The bytes as received (validated), stored unchanged. */
  original: Buffer;
  /** sha256 of the original bytes, hex: the content address. */
  sha256: string;
  /** 64-bit perceptual hash, 16 hex digits. */
  phash: string;
  format: ImageFormat;
  mime: string;
  bytes: number;
  /** As displayed: upright, after EXIF orientation. */
  width: number;
  height: number;
  /** ≤ 2048 px WebP, metadata stripped. */
  display: DerivedImage;
  /** ≤ 256 px WebP, metadata stripped. */
  thumbnail: DerivedImage;
}

export interface ProcessOptions {
  limits?: Partial<ImageLimits>;
  /** When the caller already hashed the bytes (ingest checks duplicates first). */
  sha256?: string;
}

const FORMAT_NAMES: Record<string, string> = { svg: "SVG", heic: "HEIC/HEIF", pdf: "PDF", bmp: "BMP", ico: "ICO", jxl: "JPEG XL", jp2: "JPEG 2000", psd: "Photoshop" };
const ACCEPTED_LIST = "JPEG, PNG, WebP, GIF, TIFF or AVIF";

/** sha256 of the bytes as hex, computed off the main thread. */
export async function sha256Hex(buffer: Uint8Array): Promise<string> {
  const digest = await webcrypto.subtle.digest("SHA-256", buffer);
  return Buffer.from(digest).toString("hex");
}

/** Validates and converts one image. Throws ImageRejected (never anything else for bad input). */
export async function processImage(buffer: Buffer, filename = "", options: ProcessOptions = {}): Promise<ProcessedImage> {
  const limits = { ...DEFAULT_IMAGE_LIMITS, ...options.limits };
  const format = checkBytes(buffer, filename, limits);
  const sha = options.sha256 ? Promise.resolve(options.sha256) : sha256Hex(buffer);
  sha.catch(() => undefined); // awaited below; a rejection must not go unhandled if decoding fails first
  const metadata = await readHeader(buffer, filename, format, limits);
  const upright = metadata.autoOrient;
  const decoded = await decode(buffer, filename, limits);
  const raw = { width: decoded.info.width, height: decoded.info.height, channels: decoded.info.channels };
  // One sharp job at a time per image: an import runs N images for N cores, and leaves libuv's
  // small thread pool (shared with file and crypto work) some room.
  const derived = await thumbnailAndHash(decoded.data, raw);
  const display = await sharp(decoded.data, { raw }).webp(DISPLAY_WEBP_OPTIONS).toBuffer({ resolveWithObject: true });
  return {
    original: buffer,
    sha256: await sha,
    phash: derived.phash,
    format,
    mime: MIME_BY_FORMAT[format],
    bytes: buffer.length,
    width: upright.width,
    height: upright.height,
    display: { data: display.data, width: display.info.width, height: display.info.height },
    thumbnail: derived.thumbnail,
  };
}

/** The one full decode: upright, at most display size, 8-bit sRGB pixels. Bad pixel data → CORRUPT. */
async function decode(buffer: Buffer, filename: string, limits: ImageLimits) {
  try {
    return await sharp(buffer, { failOn: limits.failOn, limitInputPixels: limits.maxPixels })
      .rotate() // EXIF orientation; derivatives carry no metadata, so they must be upright
      .resize({ width: DISPLAY_MAX_SIDE, height: DISPLAY_MAX_SIDE, fit: "inside", withoutEnlargement: true })
      .toColourspace("srgb") // CMYK, 16-bit, grey and palette images all become 8-bit sRGB
      .raw()
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw new ImageRejected("CORRUPT", undefined, filename, decoderMessage(error));
  }
}

/** Cheap checks on the bytes alone (size, magic number), before hashing or decoding anything. */
export function checkBytes(buffer: Buffer, filename: string, limits: ImageLimits): ImageFormat {
  checkFileSize(buffer.length, filename, limits);
  const sniffed = sniffFormat(buffer);
  if (sniffed.kind === "image") return sniffed.format;
  if (sniffed.kind === "refused" && sniffed.what === "svg") {
    throw new ImageRejected("SVG_REFUSED", "SVG is not accepted (vector files can carry scripts and external references); convert it to PNG", filename);
  }
  if (sniffed.kind === "refused") {
    throw new ImageRejected("UNSUPPORTED_FORMAT", `${FORMAT_NAMES[sniffed.what]} images are not supported; use ${ACCEPTED_LIST}`, filename);
  }
  throw new ImageRejected("NOT_AN_IMAGE", `not an image: the content is not ${ACCEPTED_LIST} (whatever the file name says)`, filename);
}

/** The byte limit alone: lets a folder import refuse a huge file from its size, without reading it. */
export function checkFileSize(size: number, filename: string, limits: Pick<ImageLimits, "maxBytes"> = DEFAULT_IMAGE_LIMITS): void {
  if (size === 0) throw new ImageRejected("EMPTY", undefined, filename);
  if (size > limits.maxBytes) {
    throw new ImageRejected("TOO_MANY_BYTES", tooManyBytesReason(size, limits.maxBytes), filename);
  }
}

/** Reads the header only (no pixels) and enforces the pixel limit with a precise message. */
async function readHeader(buffer: Buffer, filename: string, format: ImageFormat, limits: ImageLimits): Promise<Metadata> {
  let metadata: Metadata;
  try {
    metadata = await sharp(buffer, { failOn: limits.failOn, limitInputPixels: false }).metadata();
  } catch (error) {
    throw new ImageRejected("CORRUPT", undefined, filename, `header: ${decoderMessage(error)}`);
  }
  const decoder = format === "avif" ? "heif" : format;
  if (metadata.format !== decoder || (format === "avif" && metadata.compression !== "av1")) {
    throw new ImageRejected("CORRUPT", undefined, filename, `the file starts like ${format.toUpperCase()} but does not decode as one`);
  }
  if (!metadata.width || !metadata.height) throw new ImageRejected("CORRUPT", undefined, filename, "the image has no width or height");
  const pixels = metadata.width * metadata.height;
  if (pixels > limits.maxPixels) {
    throw new ImageRejected(
      "TOO_MANY_PIXELS",
      `${metadata.width}×${metadata.height} is ${megapixels(pixels)} MP, over the ${megapixels(limits.maxPixels)} MP limit`,
      filename,
    );
  }
  return metadata;
}

interface RawShape {
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

async function thumbnailAndHash(pixels: Buffer, raw: RawShape): Promise<{ thumbnail: DerivedImage; phash: string }> {
  const small = await sharp(pixels, { raw })
    .resize({ width: THUMBNAIL_MAX_SIDE, height: THUMBNAIL_MAX_SIDE, fit: "inside", withoutEnlargement: true })
    .raw()
    .toBuffer({ resolveWithObject: true });
  const smallRaw = { width: small.info.width, height: small.info.height, channels: small.info.channels };
  const [thumbnail, grey] = await Promise.all([
    sharp(small.data, { raw: smallRaw }).webp(THUMBNAIL_WEBP_OPTIONS).toBuffer({ resolveWithObject: true }),
    // Transparent areas count as white, so an image's hash does not depend on hidden colour values.
    sharp(small.data, { raw: smallRaw })
      .flatten({ background: "#ffffff" })
      .greyscale()
      .resize(PHASH_INPUT_SIDE, PHASH_INPUT_SIDE, { fit: "fill" })
      .raw()
      .toBuffer(),
  ]);
  return {
    thumbnail: { data: thumbnail.data, width: thumbnail.info.width, height: thumbnail.info.height },
    phash: phashFromGrey(grey),
  };
}

function decoderMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n")[0].trim().slice(0, 200) || "unknown decoder error";
}

function megapixels(pixels: number): string {
  return (pixels / 1_000_000).toFixed(pixels < 10_000_000 ? 1 : 0);
}
