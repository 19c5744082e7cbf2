// The item editor's state machine, pure so it can be tested without a browser: the working copy,
// the server version it is based on, the save state (saved / unsaved / saving / offline / conflict /
// error / read-only), a pending conflict with the server's version, and the browser backup rules.
import type { LintIssue, LintSettings } from "../lints/types";
import { adoptIds, draftOf, sameContent, sameDraft, withRequiredSlots, type ItemDraft, type ItemSnapshot } from "./editor-draft";
import { isWorkStatus, itemStatusLabel, WORK_STATUSES } from "../items/status";
import { mergeDrafts, type Choice } from "./merge";

/** Statuses the editor can change: the annotator's work statuses. */
export const EDITABLE = WORK_STATUSES;

export type SaveStatus =
  | { kind: "saved" }
  | { kind: "dirty" }
  | { kind: "saving" }
  | { kind: "offline" }
  | { kind: "conflict" }
  /** The server refused this exact draft (e.g. a tag with a slash): not retried until it changes. */
  | { kind: "error"; message: string; draft: ItemDraft }
  | { kind: "readonly"; message: string };

export interface PendingConflict {
  theirs: ItemSnapshot;
  /** Theirs as a working copy (with the project's follow-up slots). */
  theirsDraft: ItemDraft;
  mine: ItemDraft;
  /** The version mine started from, for the merge defaults; null when unknown. */
  base: ItemDraft | null;
  /** The server version `base` is (what a browser backup of mine must record). */
  baseVersion: number;
}

export interface EditorState {
  draft: ItemDraft;
  /** The content last known to be on the server (what `version` holds): draft ≠ base means unsaved changes. */
  base: ItemDraft;
  version: number;
  status: string;
  editable: boolean;
  save: SaveStatus;
  conflict: PendingConflict | null;
  /** Warnings only the server can compute (text reused across the project), from the last save. */
  serverIssues: LintIssue[];
  notice: string | null;
  /**
   * Drafts this browser sent (or restored from a backup that may have been sent on the way out) whose
   * save was never confirmed: a "conflict" with one of them is the annotator's own save, not someone else's.
   */
  unconfirmed: ItemDraft[];
}

/** What the browser keeps per item until the server has the changes. */
export interface DraftBackup {
  version: number;
  base: ItemDraft;
  draft: ItemDraft;
  at: number;
  /** Drafts sent without an answer yet (e.g. the save made while the page unloaded): they may be stored as a newer version. */
  sent?: ItemDraft[];
}

/** At most this many unconfirmed drafts are remembered (the latest ones). */
const MAX_UNCONFIRMED = 3;

type Slots = Pick<LintSettings, "misleadingPerItem" | "correctivePerItem">;

export type EditorAction =
  | { type: "edit"; update: (draft: ItemDraft) => ItemDraft }
  | { type: "saving"; sent: ItemDraft }
  | { type: "saved"; sent: ItemDraft; item: ItemSnapshot; issues: LintIssue[] }
  | { type: "conflict"; theirs: ItemSnapshot }
  | { type: "resolve"; choices: Record<string, Choice> }
  | { type: "notEditable"; status: string; message: string }
  | { type: "failed"; offline: boolean; message: string; sent: ItemDraft }
  | { type: "restore"; backup: DraftBackup }
  | { type: "submitted"; version: number }
  | { type: "notice"; notice: string | null };

export const RESTORED_NOTICE = "Restored unsaved changes from this browser.";
export const RESTORED_CONFLICT_NOTICE = "Restored unsaved changes from this browser, but the item was saved elsewhere since: choose what to keep below.";

const canEdit = (status: string, canAnnotate: boolean) => canAnnotate && isWorkStatus(status);

export function isDirty(state: Pick<EditorState, "draft" | "base">): boolean {
  return !sameDraft(state.draft, state.base);
}

/** The server's item as a working copy: its follow-ups plus blank ones up to the project's counts. */
export function workingCopy(snapshot: ItemDraft, slots: Slots): ItemDraft {
  return withRequiredSlots(draftOf(snapshot), slots);
}

export function initialEditorState(snapshot: ItemSnapshot, slots: Slots, canAnnotate: boolean): EditorState {
  const draft = workingCopy(snapshot, slots);
  const editable = canEdit(snapshot.status, canAnnotate);
  return {
    draft,
    base: draft,
    version: snapshot.version,
    status: snapshot.status,
    editable,
    save: editable ? { kind: "saved" } : { kind: "readonly", message: readonlyMessage(snapshot.status, canAnnotate) },
    conflict: null,
    serverIssues: [],
    notice: null,
    unconfirmed: [],
  };
}

function readonlyMessage(status: string, canAnnotate: boolean): string {
  if (!canAnnotate) return "Read only: your role cannot edit items.";
  return `Read only: the item is ${itemStatusLabel(status).toLowerCase()}.`;
}

/** The unconfirmed draft that `stored` is (the annotator's own save), if any. */
export function ownSave(unconfirmed: readonly ItemDraft[], stored: ItemDraft): ItemDraft | undefined {
  return unconfirmed.find((sent) => sameContent(sent, stored));
}

/**
 * What to do with a backup found when the editor opens: nothing new (discard), the unsaved work on
 * top of the server's version (restore: the same version, or a newer one that is this browser's own
 * save sent on the way out), or both versions to merge (someone else saved meanwhile).
 */
export function planRestore(state: Pick<EditorState, "base" | "version" | "editable">, backup: DraftBackup | null): "none" | "discard" | "restore" | "conflict" {
  if (!backup) return "none";
  if (!state.editable || sameContent(backup.draft, state.base)) return "discard";
  if (backup.version === state.version || ownSave(backup.sent ?? [], state.base)) return "restore";
  return "conflict";
}

const remember = (unconfirmed: ItemDraft[], draft: ItemDraft) => [...unconfirmed.filter((d) => d !== draft), draft].slice(-MAX_UNCONFIRMED);

export function createEditorReducer(slots: Slots) {
  return function editorReducer(state: EditorState, action: EditorAction): EditorState {
    switch (action.type) {
      case "edit": {
        if (!state.editable || state.conflict) return state;
        const draft = action.update(state.draft);
        const save: SaveStatus = state.save.kind === "saving" || state.save.kind === "offline" ? state.save : { kind: "dirty" };
        return { ...state, draft, save: sameDraft(draft, state.base) && save.kind === "dirty" ? { kind: "saved" } : save };
      }
      case "saving":
        return { ...state, save: { kind: "saving" }, unconfirmed: remember(state.unconfirmed, action.sent) };
      case "saved": {
        const base = adoptIds(action.sent, action.sent, action.item);
        const draft = adoptIds(state.draft, action.sent, action.item);
        return {
          ...state,
          draft,
          base,
          version: action.item.version,
          status: action.item.status,
          save: sameDraft(draft, base) ? { kind: "saved" } : { kind: "dirty" },
          serverIssues: action.issues.filter((i) => i.rule === "followup.text-reused"),
          // Saves are sent one at a time: any earlier unconfirmed one did not land (it would have moved the version).
          unconfirmed: [],
        };
      }
      case "conflict": {
        const theirsDraft = workingCopy(action.theirs, slots);
        // Same content after all (e.g. the same save twice): nothing to choose, continue on their version.
        if (sameContent(theirsDraft, state.draft)) {
          return { ...state, base: theirsDraft, draft: theirsDraft, version: action.theirs.version, save: { kind: "saved" }, unconfirmed: [] };
        }
        // Their version is a save of mine whose answer never came (sent while the page unloaded, or
        // before the network dropped): continue on it, what was typed since stays to be saved.
        const own = ownSave(state.unconfirmed, theirsDraft);
        if (own) {
          const draft = adoptIds(state.draft, own, action.theirs);
          return { ...state, base: theirsDraft, draft, version: action.theirs.version, status: action.theirs.status, save: sameDraft(draft, theirsDraft) ? { kind: "saved" } : { kind: "dirty" }, unconfirmed: [] };
        }
        return { ...state, save: { kind: "conflict" }, conflict: { theirs: action.theirs, theirsDraft, mine: state.draft, base: state.base, baseVersion: state.version } };
      }
      case "resolve": {
        if (!state.conflict) return state;
        const { theirs, theirsDraft, mine } = state.conflict;
        const draft = mergeDrafts(mine, theirsDraft, action.choices);
        return {
          ...state,
          draft,
          base: theirsDraft,
          version: theirs.version,
          status: theirs.status,
          editable: state.editable && isWorkStatus(theirs.status),
          conflict: null,
          save: sameDraft(draft, theirsDraft) ? { kind: "saved" } : { kind: "dirty" },
          unconfirmed: [],
        };
      }
      case "notEditable":
        return { ...state, status: action.status, editable: false, save: { kind: "readonly", message: action.message } };
      case "failed":
        return { ...state, save: action.offline ? { kind: "offline" } : { kind: "error", message: action.message, draft: action.sent } };
      case "restore": {
        const plan = planRestore(state, action.backup);
        // The restored copy may itself have been sent on the way out: a save of it is not someone else's.
        const unconfirmed = [...(action.backup.sent ?? []), action.backup.draft].slice(-MAX_UNCONFIRMED);
        if (plan === "restore") {
          const own = ownSave(action.backup.sent ?? [], state.base);
          const draft = own ? adoptIds(action.backup.draft, own, state.base) : action.backup.draft;
          return { ...state, draft, save: { kind: "dirty" }, notice: RESTORED_NOTICE, unconfirmed };
        }
        if (plan === "conflict") {
          const theirs = { ...state.base, id: "", version: state.version, status: state.status } as ItemSnapshot;
          return {
            ...state,
            save: { kind: "conflict" },
            notice: RESTORED_CONFLICT_NOTICE,
            unconfirmed,
            conflict: { theirs, theirsDraft: state.base, mine: action.backup.draft, base: action.backup.base, baseVersion: action.backup.version },
          };
        }
        return state;
      }
      case "submitted":
        return { ...state, status: "SUBMITTED", version: action.version, editable: false, base: state.draft, save: { kind: "readonly", message: readonlyMessage("SUBMITTED", true) } };
      case "notice":
        return { ...state, notice: action.notice };
    }
  };
}

/** The browser backup for the current state: the unsaved work and the server version it builds on; null when nothing is unsaved. */
export function backupOf(state: EditorState, at: number): DraftBackup | null {
  const sent = state.unconfirmed.length > 0 ? { sent: state.unconfirmed } : {};
  if (state.conflict) return { version: state.conflict.baseVersion, base: state.conflict.base ?? state.conflict.theirsDraft, draft: state.conflict.mine, at, ...sent };
  if (!state.editable || !isDirty(state)) return null;
  return { version: state.version, base: state.base, draft: state.draft, at, ...sent };
}

/** Whether the autosave should send the working copy now. */
export function shouldSave(state: EditorState): boolean {
  if (!state.editable || state.conflict || !isDirty(state)) return false;
  if (state.save.kind === "saving") return false;
  // A draft the server refused is not sent again until it changes.
  if (state.save.kind === "error" && state.save.draft === state.draft) return false;
  return true;
}
