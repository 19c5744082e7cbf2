import { describe, expect, it } from "vitest";
import { blankFollowUp, type DraftFollowUp, type ItemDraft } from "./editor-draft";
import { conflictRows, defaultChoices } from "./conflict-rows";
import { followUpSlots, mergeDrafts } from "./merge";

const fu = (kind: DraftFollowUp["kind"], fields: Partial<DraftFollowUp> = {}): DraftFollowUp => ({ ...blankFollowUp(kind), ...fields });
const base: ItemDraft = {
  question: "Is there a blue square?",
  answerType: "YES_NO",
  options: [],
  groundTruth: "yes",
  caption: "shapes",
  tags: ["presence"],
  isGold: false,
  followUps: [fu("MISLEADING", { id: "m1" }), fu("CORRECTIVE", { id: "c1" })],
};

describe("conflict merge", () => {
  it("lists only differing fields; defaults keep my changes and take theirs", () => {
    const mine = { ...base, followUps: [fu("MISLEADING", { id: "m1", userMessage: "I'm sure it's no." }), base.followUps[1]] };
    const theirs = { ...base, caption: "coloured shapes", followUps: [base.followUps[0], fu("CORRECTIVE", { id: "c1", evidence: "A blue square at the top left." })] };
    const rows = conflictRows(base, mine, theirs);
    expect(rows.map((r) => [r.key, r.defaultChoice])).toEqual([
      ["caption", "theirs"],
      ["MISLEADING:1.userMessage", "mine"],
      ["CORRECTIVE:1.evidence", "theirs"],
    ]);
    expect(rows[1]).toMatchObject({ label: "Misleading follow-up 1: User's follow-up message", mine: "I'm sure it's no.", theirs: "" });
    const merged = mergeDrafts(mine, theirs, defaultChoices(rows));
    expect(merged.caption).toBe("coloured shapes");
    expect(merged.followUps[0]).toMatchObject({ id: "m1", userMessage: "I'm sure it's no." });
    expect(merged.followUps[1]).toMatchObject({ id: "c1", evidence: "A blue square at the top left." });
    // Nothing left to resolve between the merge and either side's contribution.
    expect(conflictRows(null, merged, { ...merged })).toEqual([]);
  });

  it("keeps my \"in the first turn\" flag when they changed another field", () => {
    const mine = { ...base, followUps: [fu("MISLEADING", { id: "m1", inFirstTurn: true }), base.followUps[1]] };
    const theirs = { ...base, followUps: [fu("MISLEADING", { id: "m1", evidence: "A blue square at the top left." }), base.followUps[1]] };
    const rows = conflictRows(base, mine, theirs);
    expect(rows.map((r) => [r.key, r.label, r.mine, r.theirs, r.defaultChoice])).toEqual([
      ["MISLEADING:1.inFirstTurn", "Misleading follow-up 1: In the first turn", "Yes", "No", "mine"],
      ["MISLEADING:1.evidence", "Misleading follow-up 1: Visual evidence", "", "A blue square at the top left.", "theirs"],
    ]);
    expect(mergeDrafts(mine, theirs, defaultChoices(rows)).followUps[0]).toMatchObject({ inFirstTurn: true, evidence: "A blue square at the top left." });
  });

  it("both changed the same field: mine by default, theirs on request", () => {
    const mine = { ...base, question: "Is there a blue square in the image?" };
    const theirs = { ...base, question: "Is a blue square visible?" };
    const rows = conflictRows(base, mine, theirs);
    expect(rows).toEqual([{ key: "question", label: "Question", mine: mine.question, theirs: theirs.question, defaultChoice: "mine" }]);
    expect(mergeDrafts(mine, theirs, { question: "theirs" }).question).toBe(theirs.question);
    expect(mergeDrafts(mine, theirs, { question: "mine" }).question).toBe(mine.question);
  });

  it("pairs new follow-ups by slot: mine without ids take the ids theirs got when saved", () => {
    const start = { ...base, followUps: [] };
    const mine = { ...start, followUps: [fu("MISLEADING", { userMessage: "Mine" }), fu("CORRECTIVE", { response: "My response" })] };
    const theirs = { ...start, followUps: [fu("MISLEADING", { id: "t1", evidence: "Their evidence" }), fu("CORRECTIVE", { id: "t2" })] };
    const rows = conflictRows(start, mine, theirs);
    expect(rows.find((r) => r.key === "MISLEADING:1.evidence")?.defaultChoice).toBe("theirs");
    const merged = mergeDrafts(mine, theirs, defaultChoices(rows));
    expect(merged.followUps).toEqual([
      fu("MISLEADING", { id: "t1", userMessage: "Mine", evidence: "Their evidence" }),
      fu("CORRECTIVE", { id: "t2", response: "My response" }),
    ]);
  });

  it("keeps slots only one side has, and shows answers, options and verdicts readably", () => {
    const mine = { ...base, answerType: "MULTIPLE_CHOICE" as const, options: ["Red", "Blue"], followUps: [...base.followUps, fu("MISLEADING", { verdict: "MISLEADING" })] };
    const theirs = { ...base, tags: ["presence", "colour"] };
    const rows = conflictRows(base, mine, theirs);
    expect(rows.find((r) => r.key === "options")).toMatchObject({ mine: "A. Red\nB. Blue", theirs: "", defaultChoice: "mine" });
    expect(rows.find((r) => r.key === "answerType")).toMatchObject({ mine: "Multiple choice", theirs: "Yes / no" });
    expect(rows.find((r) => r.key === "tags")).toMatchObject({ mine: "presence", theirs: "colour, presence", defaultChoice: "theirs" });
    expect(rows.find((r) => r.key === "MISLEADING:2.verdict")).toMatchObject({ label: "Misleading follow-up 2: Verdict", mine: "Misleading", theirs: "" });
    // Tactics by their labels, not their enum names.
    expect(rows.find((r) => r.key === "MISLEADING:2.tactic")).toMatchObject({ mine: "Plain assertion", theirs: "" });
    const merged = mergeDrafts(mine, theirs, defaultChoices(rows));
    expect(merged.followUps).toHaveLength(3);
    expect(merged.followUps[2]).toEqual(fu("MISLEADING", { verdict: "MISLEADING" }));
    expect(merged.tags).toEqual(["presence", "colour"]);
    expect([...followUpSlots(merged).keys()]).toEqual(["MISLEADING:1", "CORRECTIVE:1", "MISLEADING:2"]);
  });

  it("without a base (nothing known of where I started), every difference defaults to mine", () => {
    const rows = conflictRows(null, { ...base, caption: "x" }, { ...base, caption: "y" });
    expect(rows[0].defaultChoice).toBe("mine");
  });
});
