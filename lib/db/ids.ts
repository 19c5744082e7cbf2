// Ids for rows written by raw SQL (Prisma fills @default(cuid()) only for its own model queries). The same
// shape as a cuid — "c", then the time, a per-process counter and randomness in base 36 — so they sort
// roughly by creation time like the ids Prisma writes, and never collide in practice. (Math.random, not
// crypto: these are row ids, not secrets, and a claim makes one per call.)

let counter = Math.floor(Math.random() * 36 ** 4);

const random6 = () => Math.floor(Math.random() * 36 ** 6).toString(36).padStart(6, "0");

export function newId(): string {
  counter = (counter + 1) % 36 ** 4;
  return `c${Date.now().toString(36).padStart(8, "0")}${counter.toString(36).padStart(4, "0")}${random6()}${random6()}`;
}
