import { describe, expect, it } from "vitest";
import { blankFollowUp, type ItemSnapshot } from "./editor-draft";
import { backupOf, createEditorReducer, initialEditorState, isDirty, planRestore, RESTORED_NOTICE, shouldSave, type EditorState } from "./editor-state";

const slots = { misleadingPerItem: 1, correctivePerItem: 1 };
const reduce = createEditorReducer(slots);
const snapshot: ItemSnapshot = {
  id: "i1", version: 1, status: "DRAFT", question: "How many red circles are there?", answerType: "NUMBER", options: [], groundTruth: "2",
  caption: "", tags: [], isGold: false, followUps: [],
};
const start = () => initialEditorState(snapshot, slots, true);
const type = (state: EditorState, message: string) =>
  reduce(state, { type: "edit", update: (d) => ({ ...d, followUps: [{ ...d.followUps[0], userMessage: message }, d.followUps[1]] }) });
const stored = (version: number, message: string, ids = ["m1", "c1"]): ItemSnapshot => ({
  ...snapshot,
  version,
  followUps: [
    { ...blankFollowUp("MISLEADING"), id: ids[0], userMessage: message },
    { ...blankFollowUp("CORRECTIVE"), id: ids[1] },
  ],
});

describe("editor state", () => {
  it("starts clean with the project's blank follow-ups; read only without permission or once submitted", () => {
    const s = start();
    expect(s.draft.followUps.map((f) => f.kind)).toEqual(["MISLEADING", "CORRECTIVE"]);
    expect(isDirty(s)).toBe(false);
    expect(shouldSave(s)).toBe(false);
    expect(initialEditorState(snapshot, slots, false)).toMatchObject({ editable: false, save: { kind: "readonly" } });
    expect(initialEditorState({ ...snapshot, status: "SUBMITTED" }, slots, true)).toMatchObject({ editable: false });
  });

  it("edit → dirty → saving → saved, keeping what was typed during the save and adopting ids", () => {
    let s = type(start(), "I'm sure it's 3");
    expect(s.save.kind).toBe("dirty");
    expect(shouldSave(s)).toBe(true);
    const sent = s.draft;
    s = reduce(s, { type: "saving", sent: s.draft });
    expect(shouldSave(s)).toBe(false);
    s = type(s, "I'm sure it's 3, count again");
    expect(s.save.kind).toBe("saving");
    s = reduce(s, { type: "saved", sent, item: stored(2, "I'm sure it's 3"), issues: [] });
    expect(s.version).toBe(2);
    expect(s.draft.followUps.map((f) => f.id)).toEqual(["m1", "c1"]);
    expect(s.draft.followUps[0].userMessage).toBe("I'm sure it's 3, count again");
    expect(s.save.kind).toBe("dirty");
    s = reduce(s, { type: "saved", sent: s.draft, item: stored(3, "I'm sure it's 3, count again"), issues: [] });
    expect(s.save.kind).toBe("saved");
    expect(isDirty(s)).toBe(false);
  });

  it("typing back to the saved text is clean again", () => {
    const s = type(type(start(), "x"), "");
    expect(s.save.kind).toBe("saved");
  });

  it("a conflict keeps both versions until resolved; resolving bases the merge on theirs", () => {
    let s = type(start(), "Mine");
    s = reduce(s, { type: "conflict", theirs: { ...stored(2, ""), caption: "Their caption" } });
    expect(s.save.kind).toBe("conflict");
    expect(s.conflict?.mine.followUps[0].userMessage).toBe("Mine");
    expect(shouldSave(s)).toBe(false);
    // Closing the tab now keeps mine with the version it was based on, not theirs.
    expect(backupOf(s, 0)).toMatchObject({ version: 1, draft: s.conflict!.mine });
    // Editing is frozen while the conflict is open.
    expect(type(s, "more").draft).toBe(s.draft);
    s = reduce(s, { type: "resolve", choices: { caption: "theirs", "MISLEADING:1.userMessage": "mine" } });
    expect(s.conflict).toBeNull();
    expect(s.version).toBe(2);
    expect(s.draft).toMatchObject({ caption: "Their caption" });
    expect(s.draft.followUps[0]).toMatchObject({ id: "m1", userMessage: "Mine" });
    expect(shouldSave(s)).toBe(true);
  });

  it("a 'conflict' with identical content simply moves on to the server's version", () => {
    const s = reduce(type(start(), "Same"), { type: "conflict", theirs: stored(4, "Same") });
    expect(s).toMatchObject({ conflict: null, version: 4, save: { kind: "saved" } });
  });

  it("a refused draft is not retried until it changes; offline drafts are", () => {
    let s = type(start(), "x");
    s = reduce(s, { type: "failed", offline: false, message: "tags.0: bad", sent: s.draft });
    expect(shouldSave(s)).toBe(false);
    s = type(s, "xy");
    expect(shouldSave(s)).toBe(true);
    s = reduce(s, { type: "failed", offline: true, message: "", sent: s.draft });
    expect(s.save.kind).toBe("offline");
    expect(shouldSave(s)).toBe(true);
    expect(type(s, "xyz").save.kind).toBe("offline");
  });

  it("restores a backup of the same version with a notice, and conflicts with a newer server version", () => {
    const s = start();
    const mine = type(s, "typed before the tab closed").draft;
    expect(planRestore(s, null)).toBe("none");
    expect(planRestore(s, { version: 1, base: s.base, draft: s.base, at: 0 })).toBe("discard");
    const restored = reduce(s, { type: "restore", backup: { version: 1, base: s.base, draft: mine, at: 0 } });
    expect(restored).toMatchObject({ notice: RESTORED_NOTICE, save: { kind: "dirty" } });
    expect(restored.draft.followUps[0].userMessage).toBe("typed before the tab closed");
    // The restored copy may have been sent on the way out: the backup keeps it as unconfirmed.
    expect(backupOf(restored, 7)).toEqual({ version: 1, base: s.base, draft: restored.draft, at: 7, sent: [mine] });
    expect(backupOf(s, 7)).toBeNull();

    const newer = initialEditorState(stored(5, "someone else's"), slots, true);
    const conflicted = reduce(newer, { type: "restore", backup: { version: 1, base: s.base, draft: mine, at: 0 } });
    expect(conflicted.save.kind).toBe("conflict");
    // Closed again before resolving: the backup still says mine was based on version 1.
    expect(planRestore(newer, backupOf(conflicted, 0))).toBe("conflict");
    const resolved = reduce(conflicted, { type: "resolve", choices: { "MISLEADING:1.userMessage": "mine" } });
    expect(resolved.version).toBe(5);
    expect(resolved.draft.followUps[0]).toMatchObject({ id: "m1", userMessage: "typed before the tab closed" });
    // A backup whose content the server already has (saved on the way out) is dropped silently.
    expect(planRestore(initialEditorState(stored(2, "typed before the tab closed"), slots, true), { version: 1, base: s.base, draft: mine, at: 0 })).toBe("discard");
  });

  it("a reload before the save made on leaving landed: the 'conflict' with that own save continues on it, no merge", () => {
    // Typed, then the page unloads while its keepalive save of that text is still on the way.
    let s = type(start(), "typed just before the reload");
    const leaving = reduce(s, { type: "saving", sent: s.draft });
    const backup = backupOf(leaving, 0)!;
    expect(backup).toMatchObject({ version: 1, sent: [leaving.draft] });

    // The reloaded page read the item before that save landed (still version 1): the copy is restored…
    s = reduce(start(), { type: "restore", backup });
    expect(s).toMatchObject({ version: 1, save: { kind: "dirty" }, conflict: null });
    // …the annotator keeps typing, and the next save meets the save made on leaving (version 2).
    s = type(s, "typed just before the reload, and after it");
    s = reduce(s, { type: "saving", sent: s.draft });
    s = reduce(s, { type: "conflict", theirs: stored(2, "typed just before the reload") });
    expect(s.conflict).toBeNull();
    expect(s).toMatchObject({ version: 2, save: { kind: "dirty" } });
    expect(s.draft.followUps[0]).toMatchObject({ id: "m1", userMessage: "typed just before the reload, and after it" });
    expect(shouldSave(s)).toBe(true);

    // Someone else's save is still a conflict to merge.
    const other = reduce(reduce(start(), { type: "restore", backup }), { type: "conflict", theirs: stored(2, "someone else's") });
    expect(other.save.kind).toBe("conflict");
  });

  it("a reload after the save made on leaving landed, with more typed meanwhile: restored on top of it, no merge", () => {
    let s = type(start(), "sent on the way out");
    s = reduce(s, { type: "saving", sent: s.draft });
    s = type(s, "sent on the way out, and one more word");
    const backup = backupOf(s, 0)!;
    const reloaded = initialEditorState(stored(2, "sent on the way out"), slots, true);
    expect(planRestore(reloaded, backup)).toBe("restore");
    const restored = reduce(reloaded, { type: "restore", backup });
    expect(restored).toMatchObject({ version: 2, conflict: null, save: { kind: "dirty" } });
    expect(restored.draft.followUps[0]).toMatchObject({ id: "m1", userMessage: "sent on the way out, and one more word" });
    // Without the record of that save, a newer version is someone else's: merge.
    expect(planRestore(reloaded, { ...backup, sent: undefined })).toBe("conflict");
  });

  it("a confirmed save forgets the unconfirmed ones", () => {
    let s = type(start(), "one");
    s = reduce(s, { type: "saving", sent: s.draft });
    s = reduce(s, { type: "failed", offline: true, message: "", sent: s.draft });
    expect(s.unconfirmed).toHaveLength(1);
    s = reduce(s, { type: "saving", sent: s.draft });
    s = reduce(s, { type: "saved", sent: s.draft, item: stored(2, "one"), issues: [] });
    expect(s.unconfirmed).toEqual([]);
  });

  it("submitted and no-longer-editable items turn read only", () => {
    expect(reduce(start(), { type: "submitted", version: 3 })).toMatchObject({ status: "SUBMITTED", editable: false, version: 3 });
    expect(reduce(start(), { type: "notEditable", status: "APPROVED", message: "m" })).toMatchObject({ editable: false, save: { kind: "readonly", message: "m" } });
  });
});
