"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/lib/db/client";
import { plural } from "@/lib/format";
import { parseTags } from "@/lib/followups/editor-draft";
import { bulkAssign, bulkSetStatus } from "@/lib/items/bulk";
import { MAX_BULK } from "@/lib/items/schemas";
import { createItemFromAsset } from "@/lib/items/create";
import { ITEM_STATUSES, itemStatusLabel } from "@/lib/items/status";
import { assertProjectAccess } from "@/lib/projects/access";
import { ANSWER_TYPES } from "@/lib/projects/settings";
import { defineAction } from "@/app/_server/action";

// Form fields arrive as strings; repeated names (checkboxes, option rows) as arrays.
const list = z.union([z.string(), z.array(z.string())]).transform((v) => [v].flat());
const itemIds = list.pipe(z.array(z.string().min(1)).min(1, "select at least one item").max(MAX_BULK, `at most ${MAX_BULK} items at once`));

const bulkAssignFormSchema = z.object({
  projectId: z.string().min(1),
  itemIds,
  /** A user id; "none" unassigns. */
  assigneeId: z.string().min(1, "choose who to assign to"),
});

export const bulkAssignAction = defineAction("bulkEditItems", bulkAssignFormSchema, async (user, input) => {
  const db = getDb();
  await assertProjectAccess(db, user, input.projectId);
  const assigneeId = input.assigneeId === "none" ? null : input.assigneeId;
  const result = await bulkAssign(db, user.id, input.itemIds, assigneeId, { projectId: input.projectId });
  revalidatePath("/projects/[slug]/items", "page");
  const skipped = result.skipped.length ? ` ${result.skipped.length} skipped (only draft and changes-requested items can be assigned).` : "";
  return { ok: true, message: `${assigneeId ? "Assigned" : "Unassigned"} ${plural(result.updated, "item")}.${skipped}` };
});

const bulkStatusFormSchema = z.object({
  projectId: z.string().min(1),
  itemIds,
  status: z.enum(ITEM_STATUSES, "choose a status"),
});

export const bulkSetStatusAction = defineAction("bulkEditItems", bulkStatusFormSchema, async (user, input) => {
  const db = getDb();
  await assertProjectAccess(db, user, input.projectId);
  const result = await bulkSetStatus(db, user.id, input.itemIds, input.status, { projectId: input.projectId });
  revalidatePath("/projects/[slug]/items", "page");
  const skipped = result.skipped.length ? ` ${result.skipped.length} already had that status.` : "";
  return { ok: true, message: `Set ${plural(result.updated, "item")} to ${itemStatusLabel(input.status).toLowerCase()}.${skipped}` };
});

const createItemFormSchema = z.object({
  projectId: z.string().min(1),
  assetId: z.string().min(1, "choose an image"),
  question: z.string(),
  answerType: z.enum(ANSWER_TYPES, "choose an answer type"),
  options: list.optional().transform((v) => v ?? []),
  groundTruth: z.string(),
  caption: z.string().optional().transform((v) => v ?? ""),
  tags: z.string().optional().transform((v) => parseTags(v ?? "")),
});

/** A DRAFT item for an image; the page then opens it in the editor. */
export const createItemAction = defineAction("annotate", createItemFormSchema, async (user, input) => {
  const db = getDb();
  await assertProjectAccess(db, user, input.projectId);
  const item = await createItemFromAsset(db, user, input);
  return { ok: true, message: "Item created.", data: { itemId: item.id } };
});
