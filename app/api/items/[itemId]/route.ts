import { z } from "zod";
import { bodyRules, bodyTooLargeIn } from "@/lib/api/request-checks";
import { ItemNotFound } from "@/lib/followups/errors";
import { snapshotOf } from "@/lib/followups/editor-draft";
import { getItemForEditing } from "@/lib/followups/item-view";
import { saveItemDraft } from "@/lib/followups/save-draft";
import { getItemResponseSchema, saveItemBodySchema, saveItemResponseSchema, wireJson } from "@/lib/items/wire";
import { assertItemAccess } from "@/lib/projects/access";
import { defineRoute } from "@/app/_server/define-route";

type Params = { itemId: string };

async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch (error) {
    if (bodyTooLargeIn(error)) throw error;
    throw new z.ZodError([{ code: "custom", path: [], message: "the body must be JSON", input: undefined }]);
  }
}

/** The item as the editor edits it (used after a conflict to show the server's version). */
export const GET = defineRoute<Params>("viewProject", async (_request, { user, db, params }) => {
  await assertItemAccess(db, user, params.itemId);
  const item = await getItemForEditing(db, params.itemId);
  if (!item) throw new ItemNotFound(params.itemId);
  return wireJson(getItemResponseSchema, { item: snapshotOf(item) });
});

/**
 * Autosave: writes the draft if the item is still at `expectedVersion`. 409 with the server's current
 * version when someone saved meanwhile (nothing written), 409 with the status when it is no longer editable.
 */
export const PUT = defineRoute<Params>("annotate", async (request, { user, db, params }) => {
  await assertItemAccess(db, user, params.itemId);
  const body = saveItemBodySchema.parse(await readJson(request));
  // VersionConflict answers 409 with the server's item (`current`), ItemNotEditable 409 with its `status`
  // (versionConflictResponseSchema, notEditableResponseSchema).
  const { item, issues } = await saveItemDraft(db, { ...body, itemId: params.itemId, actorId: user.id }, user);
  return wireJson(saveItemResponseSchema, { item: snapshotOf(item), issues });
}, { body: bodyRules.json(1024 * 1024) });
