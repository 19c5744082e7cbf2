// The project's perceptual hashes in memory, for "is this new image a near-duplicate of one we have?".
// One index serves a whole import run: loaded once (one streamed pass over the project's assets),
// then every newly imported image is added, so files of the same run are compared with each other too.
import type { Db } from "../db/client";
import type { Prisma } from "../db";
import { NotFoundError } from "../errors";
import { parseProjectSettings } from "../projects/settings";
import { hammingDistance } from "./phash";
import { PhashIndex } from "./phash-index";

export interface NearDuplicate {
  assetId: string;
  distance: number;
}

/** An entry's asset id, known once its row is committed (null when it never was). */
interface Slot {
  assetId: Promise<string | null>;
  settle(assetId: string | null): void;
}

export interface Reservation {
  /** Near-duplicates among earlier entries; waits for concurrent earlier imports to commit. */
  matches(): Promise<NearDuplicate[]>;
  /** Call exactly once: with the new asset's id, or null when it was not stored. */
  settle(assetId: string | null): void;
}

const LOAD_BATCH = 5_000;

function settledSlot(assetId: string | null): Slot {
  return { assetId: Promise.resolve(assetId), settle: () => {} };
}

function pendingSlot(): Slot {
  let settle!: (assetId: string | null) => void;
  const assetId = new Promise<string | null>((resolve) => (settle = resolve));
  return { assetId, settle };
}

export class NearDuplicateIndex {
  private readonly index: PhashIndex<Slot>;
  /**
   * Every asset of the project with an ingestSeq at or below this is in the index. Assets with a higher
   * one were added by other processes (or other indexes) since, and are caught up with under the lock.
   */
  private caughtUpSeq = 0;
  /** Assets already in the index whose ingestSeq is above caughtUpSeq (scanned late, or inserted by us). */
  private readonly recent = new Map<string, number>();

  constructor(readonly threshold: number) {
    this.index = new PhashIndex<Slot>(threshold);
  }

  /** The project's threshold (settings) and every asset hash, read in keyset batches. */
  static async load(db: Db, projectId: string): Promise<NearDuplicateIndex> {
    const project = await db.project.findUnique({ where: { id: projectId }, select: { settings: true } });
    if (!project) throw new NotFoundError("project", projectId, { field: "projectId" });
    const index = new NearDuplicateIndex(parseProjectSettings(project.settings).nearDuplicateThreshold);
    // Read before the scan: every asset numbered up to here was committed before it, so the scan has it.
    const { _max } = await db.asset.aggregate({ where: { projectId }, _max: { ingestSeq: true } });
    index.caughtUpSeq = _max.ingestSeq ?? 0;
    let cursor: string | undefined;
    for (;;) {
      const batch = await db.asset.findMany({
        where: { projectId, ...(cursor ? { id: { gt: cursor } } : {}) },
        select: { id: true, phash: true, ingestSeq: true },
        orderBy: { id: "asc" },
        take: LOAD_BATCH,
      });
      for (const row of batch) {
        index.addExisting(row.id, row.phash);
        if (row.ingestSeq !== null && row.ingestSeq > index.caughtUpSeq) index.recent.set(row.id, row.ingestSeq);
      }
      if (batch.length < LOAD_BATCH) return index;
      cursor = batch[batch.length - 1].id;
    }
  }

  get size(): number {
    return this.index.size;
  }

  addExisting(assetId: string, phash: string): void {
    this.index.add(settledSlot(assetId), phash);
  }

  /**
   * Call inside the inserting transaction, with the project's assets locked (lib/images/groups.ts):
   * adds the assets other processes imported since this index last looked, and returns those within
   * the threshold of `phash`. Usually none: the query reads only rows numbered since then.
   */
  async catchUp(tx: Prisma.TransactionClient, projectId: string, phash: string): Promise<NearDuplicate[]> {
    const rows = await tx.asset.findMany({
      where: { projectId, ingestSeq: { gt: this.caughtUpSeq } },
      select: { id: true, phash: true, ingestSeq: true },
      orderBy: { ingestSeq: "asc" },
    });
    const found: NearDuplicate[] = [];
    for (const row of rows) {
      if (!this.recent.has(row.id)) {
        this.addExisting(row.id, row.phash);
        const distance = hammingDistance(phash, row.phash);
        if (distance <= this.threshold) found.push({ assetId: row.id, distance });
      }
      this.caughtUpSeq = Math.max(this.caughtUpSeq, row.ingestSeq!);
    }
    for (const [id, seq] of this.recent) if (seq <= this.caughtUpSeq) this.recent.delete(id);
    return found;
  }

  /** Call inside the inserting transaction: an asset this index reserved was inserted with this ingestSeq. */
  inserted(assetId: string, ingestSeq: number): void {
    if (ingestSeq > this.caughtUpSeq) this.recent.set(assetId, ingestSeq);
  }

  /**
   * Looks up and registers a hash in one synchronous step, so of two near-duplicate images imported
   * at the same time, the later one always sees the earlier one.
   */
  reserve(phash: string): Reservation {
    const found = this.index.query(phash);
    const slot = pendingSlot();
    this.index.add(slot, phash);
    let settled = false;
    return {
      matches: async () => {
        const ids = await Promise.all(found.map((m) => m.id.assetId));
        return found.flatMap((m, i) => (ids[i] ? [{ assetId: ids[i], distance: m.distance }] : []));
      },
      settle: (assetId) => {
        if (settled) return;
        settled = true;
        slot.settle(assetId);
      },
    };
  }
}
