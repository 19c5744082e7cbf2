// Who may write an item: only the person holding its lease, while the lease lives. Another annotator of
// the project who opens the same item reads it, but a save or submit is a 409 naming the holder.
import type { Db } from "../db/client";
import { ConflictError, ForbiddenError } from "../errors";
import { can, ITEM_FIELD_PERMISSIONS, type RoleName } from "../auth/roles";

export interface Editor {
  id: string;
  role: RoleName;
}

/**
 * Roles that may write an item someone else holds. ADMIN only, for now. The review issue adds
 * reviewers' recorded fixes here (a reviewer's fix is recorded as theirs, not as the holder's).
 */
export function overridesLease(editor: Editor): boolean {
  return editor.role === "ADMIN";
}

/** The lease holder other than `editor`, while their lease lives; null when the editor may write. */
export function otherHolder(item: { assigneeId: string | null; leaseExpiresAt: Date | null }, editor: Editor, now = new Date()): string | null {
  if (overridesLease(editor)) return null;
  if (!item.assigneeId || item.assigneeId === editor.id) return null;
  if (!item.leaseExpiresAt || item.leaseExpiresAt <= now) return null;
  return item.assigneeId;
}

/**
 * The WHERE that lets a conditional write through only if nobody else holds a live lease (the same
 * rule as otherHolder, checked by the database at the moment of writing).
 */
export function writableByWhere(editor: Editor, now: Date) {
  if (overridesLease(editor)) return {};
  return { OR: [{ assigneeId: null }, { assigneeId: editor.id }, { leaseExpiresAt: null }, { leaseExpiresAt: { lte: now } }] };
}

/** 409: someone else holds the item. The message names them; details carry who and until when. */
export class ItemHeldByOther extends ConflictError {
  constructor(holder: { id: string; name: string }, until: Date | null) {
    super(`${holder.name} is working on this item${until ? ` (held until ${until.toISOString().slice(11, 16)} UTC)` : ""}; only they can save or submit it now.`, {
      field: "itemId",
      details: { holderId: holder.id, holderName: holder.name, leaseExpiresAt: until?.toISOString() ?? null },
    });
  }
}

export async function heldByOtherError(db: Pick<Db, "user">, holderId: string, until: Date | null): Promise<ItemHeldByOther> {
  const holder = await db.user.findUnique({ where: { id: holderId }, select: { id: true, name: true } });
  return new ItemHeldByOther(holder ?? { id: holderId, name: "Someone else" }, until);
}

/** 403 for a field the editor's role may not change (roles.ts ITEM_FIELD_PERMISSIONS), when it changes. */
export function assertFieldChangesAllowed(editor: Editor, before: Record<string, unknown>, after: Record<string, unknown>): void {
  for (const [field, permission] of Object.entries(ITEM_FIELD_PERMISSIONS)) {
    if (field in after && after[field] !== before[field] && !can(editor, permission)) {
      throw new ForbiddenError(`${field}: your role may not change this field`, { field });
    }
  }
}
