// The project's perceptual hashes in memory, for "is this new image a near-duplicate of one we have?".
// One index serves a whole import run: loaded once (one streamed pass over the project's assets),
// then every newly imported image is added, so files of the same run are compared with each other too.
import type { Db } from "../db/client";
import { NotFoundError } from "../errors";
import { parseProjectSettings } from "../projects/settings";
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

  constructor(readonly threshold: number) {
    this.index = new PhashIndex<Slot>(threshold);
  }

  /** The project's threshold (settings) and every asset hash, read in keyset batches. */
  static async load(db: Db, projectId: string): Promise<NearDuplicateIndex> {
    const project = await db.project.findUnique({ where: { id: projectId }, select: { settings: true } });
    if (!project) throw new NotFoundError("project", projectId, { field: "projectId" });
    const index = new NearDuplicateIndex(parseProjectSettings(project.settings).nearDuplicateThreshold);
    let cursor: string | undefined;
    for (;;) {
      const batch = await db.asset.findMany({
        where: { projectId, ...(cursor ? { id: { gt: cursor } } : {}) },
        select: { id: true, phash: true },
        orderBy: { id: "asc" },
        take: LOAD_BATCH,
      });
      for (const row of batch) index.addExisting(row.id, row.phash);
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
