import type { LintIssue } from "../lints";
import type { ItemForEditing } from "./item-view";

export class ItemNotFound extends Error {
  constructor(itemId: string) {
    super(`itemId: no item "${itemId}"`);
    this.name = "ItemNotFound";
  }
}

/** Only DRAFT and CHANGES_REQUESTED items can be edited or submitted by annotators. */
export class ItemNotEditable extends Error {
  constructor(public readonly status: string) {
    super(`status: the item is ${status} and can no longer be edited`);
    this.name = "ItemNotEditable";
  }
}

/**
 * Someone saved the item since the editor loaded it. Carries the server's current item (with its
 * follow-ups and version) so the UI can show both versions side by side; nothing was written.
 */
export class VersionConflict extends Error {
  constructor(public readonly current: ItemForEditing) {
    super(`expectedVersion: the item was changed by someone else (server version ${current.version})`);
    this.name = "VersionConflict";
  }
  get currentVersion(): number {
    return this.current.version;
  }
}

/** Submit refused: the item still has lint errors (warnings alone do not block). */
export class SubmitBlocked extends Error {
  constructor(public readonly issues: LintIssue[]) {
    const errors = issues.filter((i) => i.severity === "error");
    super(`The item has ${errors.length} lint error${errors.length === 1 ? "" : "s"}: ${errors.map((e) => e.message).slice(0, 3).join(" ")}`);
    this.name = "SubmitBlocked";
  }
}
