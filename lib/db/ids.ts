// Ids for rows written by raw SQL (Prisma fills @default(cuid()) only for its own model queries). The same
// shape as a cuid — "c", then the time, a counter and randomness in base 36 — so they sort roughly by
// creation time like the ids Prisma writes, and never collide in practice.
import { randomBytes } from "node:crypto";

let counter = Math.floor(Math.random() * 36 ** 4);

export function newId(): string {
  counter = (counter + 1) % 36 ** 4;
  const random = BigInt(`0x${randomBytes(8).toString("hex")}`).toString(36).padStart(12, "0").slice(-12);
  return `c${Date.now().toString(36).padStart(8, "0")}${counter.toString(36).padStart(4, "0")}${random}`;
}
