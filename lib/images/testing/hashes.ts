// Generated perceptual hashes for grouping tests: random ones, near copies of earlier ones (chains,
// bridges) and exact repeats, with ids in a shuffled order so "smallest id" is not "first added".
import { rng } from "../test-images";

export function randomHash(random: () => number): string {
  return Array.from({ length: 16 }, () => Math.floor(random() * 16).toString(16)).join("");
}

/** The hash with `bits` distinct bits flipped. */
export function flipBits(hash: string, bits: number, random: () => number): string {
  const words = [parseInt(hash.slice(0, 8), 16), parseInt(hash.slice(8), 16)];
  const chosen = new Set<number>();
  while (chosen.size < bits) chosen.add(Math.floor(random() * 64));
  for (const bit of chosen) words[bit >> 5] ^= 1 << (bit & 31);
  return words.map((w) => (w >>> 0).toString(16).padStart(8, "0")).join("");
}

export function generatedHashes(count: number, threshold: number, seed: number): { id: string; phash: string }[] {
  const random = rng(seed);
  const hashes: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = random();
    if (i === 0 || r < 0.55) hashes.push(randomHash(random));
    else if (r < 0.95) hashes.push(flipBits(hashes[Math.floor(random() * i)], Math.floor(random() * (threshold + 3)), random));
    else hashes.push(hashes[Math.floor(random() * i)]);
  }
  return hashes.map((phash, i) => ({ id: `a${((i * 7919) % 100_003).toString(36).padStart(5, "0")}`, phash }));
}
