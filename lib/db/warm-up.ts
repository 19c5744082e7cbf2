import type { Db } from "./client";

/**
 * The first query of a process pays for loading Prisma's query compiler and opening the database
 * (≈ 0.3–0.9 s here). One small model query at server start moves that off the first visitor's request.
 */
export async function warmDb(db: Db): Promise<void> {
  await db.user.findFirst({ select: { id: true } });
}
