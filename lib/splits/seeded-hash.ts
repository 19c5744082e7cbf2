import { createHash } from "node:crypto";

/** A stable pseudo-random order key for `key` under `seed`: the same inputs give the same order on every machine. */
export function seededHash(seed: string | number, key: string): string {
  return createHash("sha256").update(`${seed}\u0000${key}`).digest("hex").slice(0, 16);
}
