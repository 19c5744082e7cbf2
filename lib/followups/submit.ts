// Submitting an item for review: refused while the lints report errors.
import { recordAudit } from "../audit/record";
import type { Db } from "../db/client";
import { countWarnings, hasErrors, type LintIssue, type LintSettings } from "../lints";
import { parseProjectSettings } from "../projects/settings";
import { scoreIfGoldCopy } from "../quality/gold";
import { ItemNotEditable, ItemNotFound, SubmitBlocked, VersionConflict } from "./errors";
import { lintItemWithReuse } from "./item-lints";
import { EDITABLE_STATUSES, getItemForEditing, toLintItem } from "./item-view";
import { submitItemSchema } from "./schemas";

export interface SubmitItemInput {
  itemId: string;
  expectedVersion: number;
  actorId: string;
  /** The project's settings; read from the project when omitted. */
  settings?: LintSettings;
}

/** DRAFT / CHANGES_REQUESTED → SUBMITTED (lease released). Throws SubmitBlocked with the lint issues if any is an error. */
export async function submitItem(db: Db, input: SubmitItemInput): Promise<{ version: number; issues: LintIssue[] }> {
  const data = submitItemSchema.parse(input);
  const item = await getItemForEditing(db, data.itemId);
  if (!item) throw new ItemNotFound(data.itemId);
  if (item.version !== data.expectedVersion) throw new VersionConflict(item);
  if (!(EDITABLE_STATUSES as readonly string[]).includes(item.status)) throw new ItemNotEditable(item.status);

  const settings =
    input.settings ??
    parseProjectSettings((await db.project.findUniqueOrThrow({ where: { id: item.projectId }, select: { settings: true } })).settings);
  const issues = await lintItemWithReuse(db, item.projectId, item.id, toLintItem(item), settings);
  if (hasErrors(issues)) throw new SubmitBlocked(issues);

  const version = data.expectedVersion + 1;
  await db.$transaction(async (tx) => {
    const { count } = await tx.item.updateMany({
      where: { id: item.id, version: data.expectedVersion, status: { in: [...EDITABLE_STATUSES] } },
      data: { status: "SUBMITTED", leaseExpiresAt: null, lintWarnings: countWarnings(issues), version },
    });
    if (count === 0) {
      const current = await getItemForEditing(tx, item.id);
      if (!current) throw new ItemNotFound(item.id);
      if (current.version !== data.expectedVersion) throw new VersionConflict(current);
      throw new ItemNotEditable(current.status);
    }
    await recordAudit(tx, {
      actorId: data.actorId,
      entity: "Item",
      entityId: item.id,
      action: "submit",
      before: { status: item.status, version: item.version },
      after: { status: "SUBMITTED", version, lintWarnings: countWarnings(issues) },
    });
    await scoreIfGoldCopy(tx, item.id, data.actorId);
  });
  return { version, issues };
}
