// Case-insensitive substring filters on both databases. SQLite's LIKE (what Prisma's `contains`
// becomes) already ignores ASCII case; PostgreSQL's LIKE does not, so there — and only there — the
// filter asks for ILIKE. This is the one provider branch of the annotation domain.
import type { Prisma } from "../db";

export type DbProvider = "sqlite" | "postgresql";

/** Which database a Prisma client talks to (both generated clients record it as `_activeProvider`). */
export function providerOf(db: unknown): DbProvider {
  return (db as { _activeProvider?: string })._activeProvider === "postgresql" ? "postgresql" : "sqlite";
}

export function containsIgnoringCase(provider: DbProvider, value: string): Prisma.StringFilter {
  if (provider === "postgresql") return { contains: value, mode: "insensitive" } as Prisma.StringFilter;
  return { contains: value };
}
