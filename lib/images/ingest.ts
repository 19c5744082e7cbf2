// One image into a project: validate and convert (pipeline), store the bytes (storage), record the
// Asset with its audit event (one transaction). Idempotent by (projectId, sha256).
import type { Db } from "../db/client";
import type { AssetModel as Asset, Prisma } from "../db";
import { recordAudit } from "../audit/record";
import type { Storage } from "../storage/types";
import { displayKey, originalKey, thumbnailKey } from "../storage/keys";
import { ImageRejected, type ImageRejectCode } from "./errors";
import { DEFAULT_IMAGE_LIMITS, type ImageLimits } from "./limits";
import { joinNearDuplicateGroup, lockProjectGroups } from "./groups";
import { NearDuplicateIndex, type NearDuplicate, type Reservation } from "./near-duplicates";
import { checkBytes, processImage, sha256Hex, type ProcessedImage } from "./pipeline";
import { ingestInputSchema, type IngestInput } from "./schemas";
import type { Semaphore } from "./slots";
import { lockForWriting, providerOf, type DbProvider } from "../db/provider";

export type IngestStatus = "imported" | "duplicate" | "rejected";

export interface IngestResult {
  status: IngestStatus;
  filename: string;
  /** The new asset (imported) or the existing one (duplicate). */
  asset?: Asset;
  /** duplicate: the asset that already holds these exact bytes. */
  duplicateOf?: string;
  /** imported: earlier assets of the project within its nearDuplicateThreshold, nearest first. */
  nearDuplicates: NearDuplicate[];
  /** rejected: why, for people, and a stable code. */
  reason?: string;
  code?: ImageRejectCode;
  /** rejected: the decoder's own message, when there is one (lib/images/errors.ts). */
  detail?: string;
}

export interface IngestOptions {
  limits?: Partial<ImageLimits>;
  /** Shared by a whole import run; loaded from the project when omitted. */
  index?: NearDuplicateIndex;
  /** Bounds how many images are decoded and encoded at once (an import's concurrency). */
  cpu?: Semaphore;
}

type Tx = Prisma.TransactionClient;

export interface AssetMeta {
  projectId: string;
  filename: string;
  source: string;
  license: string;
  attribution: string;
  uploadedById: string | null;
}

/** What a file turned out to be, before any row is written. */
export type PreparedAsset =
  | { kind: "existing"; asset: Asset }
  | { kind: "rejected"; error: ImageRejected }
  | ({ kind: "new"; image: ProcessedImage; index: NearDuplicateIndex } & Reservation);

export async function ingestImage(db: Db, storage: Storage, input: IngestInput, options: IngestOptions = {}): Promise<IngestResult> {
  const data = ingestInputSchema.parse(input);
  const meta: AssetMeta = { ...data, filename: displayFilename(data.filename), uploadedById: data.uploadedById ?? null };
  const prepared = await prepareAsset(db, storage, data.buffer, meta, options);
  if (prepared.kind === "rejected") return rejectedResult(meta.filename, prepared.error);
  if (prepared.kind === "existing") return duplicateResult(meta.filename, prepared.asset);
  try {
    const nearDuplicates = await prepared.matches();
    const provider = providerOf(db);
    const asset = await db.$transaction(async (tx) => {
      await lockForWriting(tx, provider);
      return insertAsset(tx, prepared.image, meta, nearDuplicates, { index: prepared.index, provider });
    });
    prepared.settle(asset.id);
    return { status: "imported", filename: meta.filename, asset, nearDuplicates };
  } catch (error) {
    prepared.settle(null);
    // Another upload of the same bytes committed first (the unique index decides): a duplicate.
    const winner = isUniqueViolation(error) ? await findAsset(db, meta.projectId, prepared.image.sha256) : null;
    if (winner) return duplicateResult(meta.filename, winner);
    throw error;
  }
}

/**
 * Everything that happens outside the database transaction: duplicate check, validation and
 * conversion, storing the bytes (content-addressed, so a retry or a rollback leaves nothing wrong
 * behind) and reserving a place in the near-duplicate index. A "new" result must be settled.
 */
export async function prepareAsset(
  db: Db,
  storage: Storage,
  buffer: Buffer,
  meta: Pick<AssetMeta, "projectId" | "filename">,
  options: IngestOptions & { sha256?: string } = {},
): Promise<PreparedAsset> {
  const limits = { ...DEFAULT_IMAGE_LIMITS, ...options.limits };
  try {
    checkBytes(buffer, meta.filename, limits);
  } catch (error) {
    if (error instanceof ImageRejected) return { kind: "rejected", error };
    throw error;
  }
  const sha256 = options.sha256 ?? (await sha256Hex(buffer));
  const existing = await findAsset(db, meta.projectId, sha256);
  if (existing) return { kind: "existing", asset: existing };
  let image: ProcessedImage;
  try {
    const convert = () => processImage(buffer, meta.filename, { limits, sha256 });
    image = await (options.cpu ? options.cpu.run(convert) : convert());
  } catch (error) {
    if (error instanceof ImageRejected) return { kind: "rejected", error };
    throw error;
  }
  await storeImage(storage, image);
  const index = options.index ?? (await NearDuplicateIndex.load(db, meta.projectId));
  return { kind: "new", image, index, ...index.reserve(image.phash) };
}

/**
 * Writes the derivatives first and the original last, so "the original is stored" implies all three
 * are. The same bytes in another project (or a re-run) then cost one existence check.
 */
export async function storeImage(storage: Storage, image: ProcessedImage): Promise<void> {
  if (await storage.has(originalKey(image.sha256))) return;
  await Promise.all([
    storage.put(displayKey(image.sha256), image.display.data, "image/webp"),
    storage.put(thumbnailKey(image.sha256), image.thumbnail.data, "image/webp"),
  ]);
  await storage.put(originalKey(image.sha256), image.original, image.mime);
}

export interface Grouping {
  /** The index the asset was reserved in (its threshold is the one its near-duplicates were found at). */
  index: NearDuplicateIndex;
  provider: DbProvider;
}

/**
 * The Asset row, its near-duplicate group (merging the groups it bridges) and its audit event; call
 * inside a transaction. The project's assets stay locked until it ends (lib/images/groups.ts).
 */
export async function insertAsset(tx: Tx, image: ProcessedImage, meta: AssetMeta, nearDuplicates: NearDuplicate[], { index, provider }: Grouping): Promise<Asset> {
  const { groupedAt, nextSeq: ingestSeq } = await lockProjectGroups(tx, provider, meta.projectId);
  // Images other processes imported since the index was loaded are only visible from here.
  const lateNeighbours = await index.catchUp(tx, meta.projectId, image.phash);
  const created = await tx.asset.create({
    data: {
      projectId: meta.projectId,
      sha256: image.sha256,
      phash: image.phash,
      width: image.width,
      height: image.height,
      mime: image.mime,
      bytes: image.bytes,
      storageKey: originalKey(image.sha256),
      displayKey: displayKey(image.sha256),
      thumbnailKey: thumbnailKey(image.sha256),
      originalFilename: meta.filename,
      source: meta.source,
      license: meta.license,
      attribution: meta.attribution,
      uploadedById: meta.uploadedById,
      ingestSeq,
    },
  });
  index.inserted(created.id, ingestSeq);
  const neighbours = [...nearDuplicates, ...lateNeighbours].map((m) => m.assetId);
  const joined = await joinNearDuplicateGroup(tx, { projectId: meta.projectId, assetId: created.id, neighbours, threshold: index.threshold, groupedAt });
  const asset = { ...created, nearDuplicateGroup: joined.group };
  await recordAudit(tx, {
    actorId: meta.uploadedById,
    entity: "Asset",
    entityId: asset.id,
    action: "import",
    after: {
      projectId: asset.projectId,
      sha256: asset.sha256,
      originalFilename: asset.originalFilename,
      mime: asset.mime,
      width: asset.width,
      height: asset.height,
      bytes: asset.bytes,
      nearDuplicates: [...nearDuplicates, ...lateNeighbours],
      nearDuplicateGroup: joined.group,
      ...(joined.merged.length > 0 ? { mergedGroups: joined.merged } : {}),
    },
  });
  return asset;
}

export function findAsset(db: Db | Tx, projectId: string, sha256: string): Promise<Asset | null> {
  return db.asset.findUnique({ where: { projectId_sha256: { projectId, sha256 } } });
}

/** Prisma's unique-constraint error, from either provider's client. */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === "P2002";
}

export function rejectedResult(filename: string, error: ImageRejected): IngestResult {
  return { status: "rejected", filename, nearDuplicates: [], reason: error.reason, code: error.rejectCode, detail: error.detail };
}

function duplicateResult(filename: string, asset: Asset): IngestResult {
  return { status: "duplicate", filename, asset, duplicateOf: asset.id, nearDuplicates: [] };
}

/** The name as shown to people: the last path segment, printable, at most 255 characters. */
export function displayFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, "").trim().slice(0, 255);
  return clean || "unnamed";
}
