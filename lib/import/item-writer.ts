// The rows of one manifest line, written in the caller's transaction: Item, ItemTags, FollowUps and
// the item's audit event (the Asset, when new, is written by lib/images/ingest.ts insertAsset).
import { recordAudit } from "../audit/record";
import { addItemFigures } from "../quality/figures/store";
import type { Prisma } from "../db";
import { countWarnings, hasErrors } from "../lints/issues";
import { lintItem } from "../lints/item-rules";
import type { ProjectSettings } from "../projects/settings";
import type { ManifestEntry } from "./manifest-line";
import { followUpContent } from "../followups/content";

type Tx = Prisma.TransactionClient;

/** Same image, same question: the line was imported before. */
export function findImportedItem(tx: Pick<Tx, "item">, projectId: string, assetId: string, question: string) {
  return tx.item.findFirst({ where: { projectId, assetId, question }, select: { id: true } });
}

/**
 * Items start as DRAFT. A line whose follow-ups are complete — the lints find no error, which
 * includes the project's required numbers of misleading and corrective follow-ups with full
 * rationales — goes straight to SUBMITTED, i.e. into the review queue.
 */
export function importedItemStatus(entry: ManifestEntry, settings: ProjectSettings) {
  const issues = lintItem({ ...entry.item, followUps: entry.followUps }, settings);
  const complete = entry.followUps.length > 0 && !hasErrors(issues);
  return { status: complete ? ("SUBMITTED" as const) : ("DRAFT" as const), lintWarnings: countWarnings(issues) };
}

export async function createImportedItem(
  tx: Tx,
  entry: ManifestEntry,
  context: { projectId: string; assetId: string; actorId: string | null; settings: ProjectSettings; manifest: string },
) {
  const { status, lintWarnings } = importedItemStatus(entry, context.settings);
  const { item: fields } = entry;
  const item = await tx.item.create({
    data: {
      projectId: context.projectId,
      assetId: context.assetId,
      question: fields.question,
      answerType: fields.answerType,
      options: fields.options,
      groundTruth: fields.groundTruth,
      caption: fields.caption,
      isGold: fields.isGold,
      status,
      lintWarnings,
      tags: { create: fields.tags.map((tag) => ({ tag })) },
      followUps: {
        create: entry.followUps.map((f, position) => ({
          ...followUpContent(f),
          position,
          authorId: context.actorId,
        })),
      },
    },
    select: { id: true, status: true },
  });
  await addItemFigures(tx, [item.id]);
  await recordAudit(tx, {
    actorId: context.actorId,
    entity: "Item",
    entityId: item.id,
    action: "import",
    after: { manifest: context.manifest, line: entry.line, shape: entry.shape, assetId: context.assetId, status, followUps: entry.followUps.length, tags: fields.tags },
  });
  return item;
}
