// Image fixtures generated in memory for tests and the bench: no binary files in the repository.
import zlib from "node:zlib";
import { seededRandom } from "../random/seeded";
import { sharp } from "./sharp";

/** Fixtures draw from a seeded generator, so they are the same on every run. */
export const rng = seededRandom;

/**
 * RGB pixels with structure a photo-like image has: a gradient, overlapping coloured shapes and a
 * little grain. Different seeds give perceptually different images.
 */
export function patternPixels(width: number, height: number, seed: number): Buffer {
  const random = rng(seed);
  const pixels = Buffer.alloc(width * height * 3);
  const base = [random() * 255, random() * 255, random() * 255];
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const g = (x / width + y / height) / 2;
      pixels[i] = base[0] * g;
      pixels[i + 1] = base[1] * (1 - g);
      pixels[i + 2] = base[2] * 0.5 + 60 * g;
    }
  }
  for (let s = 0; s < 12; s++) {
    const cx = random() * width;
    const cy = random() * height;
    const r = (0.05 + random() * 0.25) * Math.min(width, height);
    const colour = [random() * 255, random() * 255, random() * 255];
    const round = random() < 0.5;
    const x0 = Math.max(0, Math.floor(cx - r));
    const x1 = Math.min(width, Math.ceil(cx + r));
    const y0 = Math.max(0, Math.floor(cy - r));
    const y1 = Math.min(height, Math.ceil(cy + r));
    for (let y = y0; y < y1; y++) {
      for (let x = x0; x < x1; x++) {
        if (round && (x - cx) ** 2 + (y - cy) ** 2 > r * r) continue;
        const i = (y * width + x) * 3;
        pixels[i] = colour[0];
        pixels[i + 1] = colour[1];
        pixels[i + 2] = colour[2];
      }
    }
  }
  for (let i = 0; i < pixels.length; i += 7) pixels[i] = Math.min(255, pixels[i] + random() * 24);
  return pixels;
}

export function patternImage(width: number, height: number, seed: number) {
  return sharp(patternPixels(width, height, seed), { raw: { width, height, channels: 3 } });
}

/** A real, valid PNG of width×height grey pixels, all zero, that compresses ~1000:1: a decompression bomb. */
export function pngBomb(width: number, height: number): Buffer {
  const row = Buffer.alloc(width + 1); // filter byte 0 + zero pixels
  const rowsPerSegment = 64;
  // Each segment is deflated on its own and ends on a byte boundary (sync flush), so the same
  // compressed segment can be repeated: the PNG is built without ever holding the pixels.
  const segment = zlib.deflateRawSync(Buffer.concat(Array(rowsPerSegment).fill(row)), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const segments = Math.floor(height / rowsPerSegment);
  const rest = zlib.deflateRawSync(Buffer.concat(Array(height - segments * rowsPerSegment).fill(row)), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  const total = (width + 1) * height;
  // Adler-32 of all-zero data of length n: a = 1, b = n mod 65521.
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE((((total % 65521) << 16) | 1) >>> 0);
  const idat = Buffer.concat([Buffer.from([0x78, 0x01]), ...Array(segments).fill(segment), rest, Buffer.from([0x03, 0x00]), adler]);
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit grey, no interlace
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", ihdr), chunk("IDAT", idat), chunk("IEND", Buffer.alloc(0))]);
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, "latin1");
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])));
  return Buffer.concat([head, data, crc]);
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
