// Saving the editor's draft of an item and its follow-ups, with optimistic concurrency: the write
// only happens if Item.version is still the version the editor loaded.
import { z } from "zod";
import { recordAudit, recordAuditMany, type AuditInput } from "../audit/record";
import { withItemFigures } from "../quality/figures/store";
import type { Db } from "../db/client";
import { countWarnings } from "../lints/issues";
import type { LintIssue } from "../lints/types";
import { parseProjectSettings, projectTactics } from "../projects/settings";
import { ItemNotEditable, ItemNotFound, VersionConflict } from "./errors";
import { assertFieldChangesAllowed, heldByOtherError, otherHolder, writableByWhere, type Editor } from "./holder";
import { lintItemWithReuse } from "./item-lints";
import { getItemForEditing, type ItemForEditing } from "./item-view";
import { checkTactics, saveItemDraftSchema, type FollowUpData, type SaveItemDraftInput } from "./schemas";
import { isWorkStatus, WORK_STATUSES } from "../items/status";
import { originOnSave } from "../models/draft-origin";

export interface SaveItemDraftResult {
  item: ItemForEditing;
  issues: LintIssue[];
}

/** The editable content of a follow-up, for audit events. */
function followUpView(f: Omit<FollowUpData, "id">) {
  const { kind, initialAnswer, userMessage, claimedAnswer, tactic, verdict, evidence, response, finalAnswer, inFirstTurn } = f;
  return { kind, initialAnswer, userMessage, claimedAnswer, tactic, verdict, evidence, response, finalAnswer, inFirstTurn };
}

function itemView(i: Pick<ItemForEditing, "question" | "answerType" | "options" | "groundTruth" | "caption" | "tags" | "isGold" | "version">) {
  return { question: i.question, answerType: i.answerType, options: i.options, groundTruth: i.groundTruth, caption: i.caption, tags: i.tags, isGold: i.isGold, version: i.version };
}

/**
 * `editor` is the actor with their role (read from the database when omitted): only the lease holder
 * (or an admin) may save, and fields the role may not change are refused (holder.ts).
 */
export async function saveItemDraft(db: Db, input: SaveItemDraftInput, editor?: Editor, now = new Date()): Promise<SaveItemDraftResult> {
  const data = saveItemDraftSchema.parse(input);
  const actor = editor ?? (await editorOf(db, data.actorId));
  const before = await getItemForEditing(db, data.itemId);
  if (!before) throw new ItemNotFound(data.itemId);
  const holder = otherHolder(before, actor, now);
  if (holder) throw await heldByOtherError(db, holder, before.leaseExpiresAt);
  assertFieldChangesAllowed(actor, { isGold: before.isGold }, { isGold: data.isGold });
  if (before.version !== data.expectedVersion) throw new VersionConflict(before);
  if (!isWorkStatus(before.status)) throw new ItemNotEditable(before.status);

  const project = await db.project.findUniqueOrThrow({ where: { id: before.projectId }, select: { settings: true } });
  const settings = parseProjectSettings(project.settings);
  checkTactics(data.followUps, projectTactics(settings));
  const existingIds = new Set(before.followUps.map((f) => f.id));
  const unknownId = data.followUps.findIndex((f) => f.id !== undefined && !existingIds.has(f.id));
  if (unknownId >= 0) {
    throw new z.ZodError([{ code: "custom", path: ["followUps", unknownId, "id"], message: "not a follow-up of this item", input: data.followUps[unknownId].id }]);
  }

  const issues = await lintItemWithReuse(db, before.projectId, before.id, { ...data, followUps: data.followUps }, settings);
  const keptIds = data.followUps.flatMap((f) => (f.id ? [f.id] : []));

  await db.$transaction(async (tx) => {
    // The conditional write comes first: it is what makes the save safe against a concurrent one
    // (and on SQLite it takes the write lock before anything is read).
    const { count } = await tx.item.updateMany({
      where: { id: data.itemId, version: data.expectedVersion, status: { in: [...WORK_STATUSES] }, ...writableByWhere(actor, now) },
      data: {
        question: data.question,
        answerType: data.answerType,
        options: data.options,
        groundTruth: data.groundTruth,
        caption: data.caption,
        isGold: data.isGold,
        lintWarnings: countWarnings(issues),
        version: { increment: 1 },
      },
    });
    if (count === 0) {
      const current = await getItemForEditing(tx, data.itemId);
      if (!current) throw new ItemNotFound(data.itemId);
      const holderNow = otherHolder(current, actor, now);
      if (holderNow) throw await heldByOtherError(tx, holderNow, current.leaseExpiresAt);
      if (current.version !== data.expectedVersion) throw new VersionConflict(current);
      throw new ItemNotEditable(current.status);
    }

    const events: AuditInput[] = [];
    const removed = before.followUps.filter((f) => !keptIds.includes(f.id));
    // The quality dashboard's per-tactic figures follow the item's follow-ups.
    await withItemFigures(tx, [data.itemId], async () => {
      if (removed.length > 0) {
        await tx.followUp.deleteMany({ where: { itemId: data.itemId, id: { in: removed.map((f) => f.id) } } });
        for (const f of removed) events.push({ actorId: data.actorId, entity: "FollowUp", entityId: f.id, action: "delete", before: followUpView(f) });
      }
      for (const [position, f] of data.followUps.entries()) {
        const old = f.id ? before.followUps.find((b) => b.id === f.id)! : undefined;
        // Who wrote the rationale is worked out here, never taken from the browser (lib/models/draft-origin).
        const fields = { ...followUpView(f), position, draftOrigin: originOnSave(old, f) };
        if (old) {
          const changed = old.position !== position || old.draftOrigin !== fields.draftOrigin || JSON.stringify(followUpView(old)) !== JSON.stringify(followUpView(f));
          if (!changed) continue;
          await tx.followUp.update({ where: { id: old.id }, data: { ...fields, version: { increment: 1 } } });
          events.push({ actorId: data.actorId, entity: "FollowUp", entityId: old.id, action: "update", before: { ...followUpView(old), position: old.position, draftOrigin: old.draftOrigin }, after: fields });
        } else {
          const created = await tx.followUp.create({ data: { ...fields, itemId: data.itemId, authorId: data.actorId }, select: { id: true } });
          events.push({ actorId: data.actorId, entity: "FollowUp", entityId: created.id, action: "create", after: fields });
        }
      }
    });

    if (JSON.stringify(before.tags) !== JSON.stringify([...data.tags].sort())) {
      await tx.itemTag.deleteMany({ where: { itemId: data.itemId } });
      if (data.tags.length > 0) await tx.itemTag.createMany({ data: data.tags.map((tag) => ({ itemId: data.itemId, tag })) });
    }

    await recordAudit(tx, {
      actorId: data.actorId,
      entity: "Item",
      entityId: data.itemId,
      action: "save",
      before: itemView(before),
      after: itemView({ ...data, tags: [...data.tags].sort(), version: data.expectedVersion + 1 }),
    });
    await recordAuditMany(tx, events);
  });

  const item = await getItemForEditing(db, data.itemId);
  if (!item) throw new ItemNotFound(data.itemId);
  return { item, issues };
}

/** The actor's role, for callers that know only their id (the CLI, tests). */
export async function editorOf(db: Pick<Db, "user">, actorId: string): Promise<Editor> {
  const user = await db.user.findUnique({ where: { id: actorId }, select: { id: true, role: true } });
  if (!user) throw new ItemNotFound(actorId);
  return user;
}
