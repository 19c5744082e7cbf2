// A 64-bit DCT perceptual hash (pHash): survives re-encoding, resizing and mild colour changes.

/** Side of the grey square the DCT runs on. */
export const PHASH_INPUT_SIDE = 32;
const LOW = 8; // the 8×8 lowest frequencies give the 64 bits

const PHASH_PATTERN = /^[0-9a-f]{16}$/;

// cos((2x + 1)·k·π / 2N) for the 8 low frequencies k, computed once.
const COS = Array.from({ length: LOW }, (_, k) =>
  Float64Array.from({ length: PHASH_INPUT_SIDE }, (_, x) => Math.cos(((2 * x + 1) * k * Math.PI) / (2 * PHASH_INPUT_SIDE))),
);

/** pHash of a 32×32 8-bit grey image (row-major): bit = low-frequency DCT coefficient above their median. */
export function phashFromGrey(pixels: Uint8Array): string {
  const n = PHASH_INPUT_SIDE;
  if (pixels.length !== n * n) throw new Error(`phash input must be ${n}×${n} grey pixels, got ${pixels.length} bytes`);
  // Separable DCT-II, only the low frequencies: rows first, then columns.
  const rows = new Float64Array(n * LOW);
  for (let y = 0; y < n; y++) {
    for (let k = 0; k < LOW; k++) {
      let sum = 0;
      for (let x = 0; x < n; x++) sum += pixels[y * n + x] * COS[k][x];
      rows[y * LOW + k] = sum;
    }
  }
  const coefficients = new Float64Array(LOW * LOW);
  for (let v = 0; v < LOW; v++) {
    for (let u = 0; u < LOW; u++) {
      let sum = 0;
      for (let y = 0; y < n; y++) sum += rows[y * LOW + u] * COS[v][y];
      coefficients[v * LOW + u] = sum;
    }
  }
  const sorted = Float64Array.from(coefficients).sort();
  const median = (sorted[31] + sorted[32]) / 2;
  let hi = 0;
  let lo = 0;
  for (let i = 0; i < 64; i++) {
    if (coefficients[i] <= median) continue;
    if (i < 32) hi |= 1 << (31 - i);
    else lo |= 1 << (63 - i);
  }
  return toHex(hi >>> 0) + toHex(lo >>> 0);
}

function toHex(word: number): string {
  return word.toString(16).padStart(8, "0");
}

export function isPhash(value: string): boolean {
  return PHASH_PATTERN.test(value);
}

/** The hash as two unsigned 32-bit words [high, low], for fast bit arithmetic. */
export function phashWords(phash: string): [number, number] {
  if (!isPhash(phash)) throw new Error(`not a perceptual hash (16 lower-case hex digits): "${phash}"`);
  return [parseInt(phash.slice(0, 8), 16), parseInt(phash.slice(8), 16)];
}

export function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Number of differing bits (0–64) between two perceptual hashes. */
export function hammingDistance(a: string, b: string): number {
  const [ah, al] = phashWords(a);
  const [bh, bl] = phashWords(b);
  return popcount32((ah ^ bh) >>> 0) + popcount32((al ^ bl) >>> 0);
}
