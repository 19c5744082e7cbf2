// Job functions take either the client or a transaction a caller already holds (e.g. startExportJob
// queues its Job in the transaction that creates the ExportJob), so neither exists without the other.
import type { Db } from "../db/client";
import type { Prisma } from "../db/generated/sqlite/client";
import { lockForWriting, providerOf } from "../db/provider";

export type DbOrTx = Db | Prisma.TransactionClient;

/** Runs fn in a new transaction holding the write lock, or inside the caller's (which holds it). */
export async function inWriteTransaction<T>(db: DbOrTx, fn: (tx: Prisma.TransactionClient) => Promise<T>): Promise<{ value: T; committed: boolean }> {
  if ("$transaction" in db) {
    const value = await db.$transaction(async (tx) => {
      await lockForWriting(tx, providerOf(db)); // reads, then writes
      return fn(tx);
    });
    return { value, committed: true };
  }
  return { value: await fn(db), committed: false };
}
