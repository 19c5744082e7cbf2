import { hash } from "node:crypto";

/** A stable (16 hex digits) pseudo-random order key for `key` under `seed`: the same inputs give the same order on every machine. */
export function seededHash(seed: string | number, key: string): string {
  return hash("sha256", `${seed}\u0000${key}`, "hex").slice(0, 16);
}
