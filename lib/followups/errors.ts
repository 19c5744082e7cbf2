import { ConflictError, DomainError, NotFoundError } from "../errors";
import { itemStatusLabel } from "../items/status";
import { plural } from "../format";
import type { LintIssue } from "../lints/types";
import { snapshotOf } from "./editor-draft";
import type { ItemForEditing } from "./item-view";

export class ItemNotFound extends NotFoundError {
  constructor(itemId: string) {
    super("item", itemId, { field: "itemId" });
  }
}

/** Only DRAFT and CHANGES_REQUESTED items can be edited or submitted by annotators: 409 with the status. */
export class ItemNotEditable extends ConflictError {
  constructor(public readonly itemStatus: string) {
    super(`The item is ${itemStatusLabel(itemStatus).toLowerCase()} and can no longer be edited.`, { field: "status", details: { status: itemStatus } });
  }
}

/**
 * Someone saved the item since the editor loaded it: 409 carrying the server's current item (its
 * snapshot, with its follow-ups and version) so the UI can show both versions side by side; nothing was written.
 */
export class VersionConflict extends ConflictError {
  constructor(public readonly current: ItemForEditing) {
    super(`The item was changed by someone else (server version ${current.version}).`, {
      field: "expectedVersion",
      details: { current: snapshotOf(current) },
    });
  }
  get currentVersion(): number {
    return this.current.version;
  }
}

/** Submit refused: the item still has lint errors (warnings alone do not block). */
export class SubmitBlocked extends DomainError {
  constructor(public readonly issues: LintIssue[]) {
    const errors = issues.filter((i) => i.severity === "error");
    super("INVALID", `The item has ${plural(errors.length, "lint error")}: ${errors.map((e) => e.message).slice(0, 3).join(" ")}`);
  }
}
