// Case-insensitive substring filters on both databases. SQLite's LIKE (what Prisma's `contains`
// becomes) already ignores ASCII case; PostgreSQL's LIKE does not, so there — and only there — the
// filter asks for ILIKE.
import type { Prisma } from "../db";
import type { DbProvider } from "./db-provider";

export function containsIgnoringCase(provider: DbProvider, value: string): Prisma.StringFilter {
  if (provider === "postgresql") return { contains: value, mode: "insensitive" } as Prisma.StringFilter;
  return { contains: value };
}
