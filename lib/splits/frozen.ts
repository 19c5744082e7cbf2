// The frozen test set: images (by sha256) once exported in a project's test split stay there.
import type { Db } from "../db/client";
import { recordAudit, type DbOrTx } from "../audit/record";

const PAGE = 5000;
const INSERT_CHUNK = 500;

/** Every frozen image of a project, read in keyset pages. */
export async function loadFrozenTestImages(db: Db, projectId: string): Promise<Set<string>> {
  const frozen = new Set<string>();
  let after: string | undefined;
  for (;;) {
    const rows = await db.frozenTestImage.findMany({
      where: { projectId, ...(after === undefined ? {} : { sha256: { gt: after } }) },
      select: { sha256: true },
      orderBy: { sha256: "asc" },
      take: PAGE,
    });
    for (const row of rows) frozen.add(row.sha256);
    if (rows.length < PAGE) return frozen;
    after = rows[rows.length - 1].sha256;
  }
}

export interface FreezeInput {
  projectId: string;
  /** Content hashes of the images exported in test; already-frozen ones are skipped. */
  sha256s: Iterable<string>;
  exportJobId: string | null;
  actorId: string | null;
}

type Tx = Pick<Db, "frozenTestImage"> & DbOrTx;

/** Adds images to the frozen test set (one audit event for the batch); returns how many were new. */
export async function freezeTestImages(tx: Tx, { projectId, sha256s, exportJobId, actorId }: FreezeInput): Promise<number> {
  const all = [...new Set(sha256s)].sort();
  let added = 0;
  for (let i = 0; i < all.length; i += INSERT_CHUNK) {
    const chunk = all.slice(i, i + INSERT_CHUNK);
    // createMany's skipDuplicates is not available on SQLite: skip known ones explicitly.
    const existing = await tx.frozenTestImage.findMany({ where: { projectId, sha256: { in: chunk } }, select: { sha256: true } });
    const known = new Set(existing.map((r) => r.sha256));
    const fresh = chunk.filter((sha) => !known.has(sha));
    if (fresh.length > 0) await tx.frozenTestImage.createMany({ data: fresh.map((sha256) => ({ projectId, sha256, exportJobId })) });
    added += fresh.length;
  }
  if (added > 0) {
    await recordAudit(tx, {
      actorId,
      entity: "Project",
      entityId: projectId,
      projectId,
      action: "export.freeze-test",
      after: { added, frozenBy: exportJobId },
    });
  }
  return added;
}
