import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { checkTactics, followUpInputSchema, LIMITS, saveItemDraftSchema } from "./schemas";

const base = {
  itemId: "i", expectedVersion: 1, actorId: "u", question: "Q?", answerType: "NUMBER", groundTruth: "3", followUps: [],
};

describe("follow-up and draft schemas", () => {
  it("fills defaults and trims", () => {
    const f = followUpInputSchema.parse({ kind: "MISLEADING", userMessage: "  hi  " });
    expect(f).toMatchObject({ userMessage: "hi", tactic: "PLAIN_ASSERTION", verdict: null, evidence: "" });
  });

  it("takes inFirstTurn (one-round injection) as a boolean, false by default", () => {
    expect(followUpInputSchema.parse({ kind: "MISLEADING" }).inFirstTurn).toBe(false);
    expect(followUpInputSchema.parse({ kind: "CORRECTIVE", inFirstTurn: true }).inFirstTurn).toBe(true);
    const r = saveItemDraftSchema.safeParse({ ...base, followUps: [{ kind: "MISLEADING", inFirstTurn: "yes" }] });
    expect(r.error?.issues[0].path).toEqual(["followUps", 0, "inFirstTurn"]);
  });

  it("bounds lengths, naming the field", () => {
    const r = followUpInputSchema.safeParse({ kind: "CORRECTIVE", evidence: "x".repeat(LIMITS.evidence + 1) });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual(["evidence"]);
    const d = saveItemDraftSchema.safeParse({ ...base, options: Array(27).fill("o") });
    expect(d.error?.issues[0].path).toEqual(["options"]);
  });

  it("rejects bad kinds, verdicts and tactic names", () => {
    expect(followUpInputSchema.safeParse({ kind: "SNEAKY" }).success).toBe(false);
    expect(followUpInputSchema.safeParse({ kind: "MISLEADING", verdict: "MAYBE" }).success).toBe(false);
    expect(followUpInputSchema.safeParse({ kind: "MISLEADING", tactic: "lower case" }).success).toBe(false);
  });

  it("normalises and de-duplicates tags, rejecting odd characters", () => {
    expect(saveItemDraftSchema.parse({ ...base, tags: [" Kitchen ", "kitchen", "low-light"] }).tags).toEqual(["kitchen", "low-light"]);
    const r = saveItemDraftSchema.safeParse({ ...base, tags: ["<b>"] });
    expect(r.error?.issues[0].path).toEqual(["tags", 0]);
  });

  it("requires a positive integer version", () => {
    expect(saveItemDraftSchema.safeParse({ ...base, expectedVersion: 0 }).success).toBe(false);
    expect(saveItemDraftSchema.safeParse({ ...base, expectedVersion: 1.5 }).success).toBe(false);
  });

  it("checkTactics names the follow-up's tactic field", () => {
    expect(() => checkTactics([{ tactic: "AUTHORITY" }], ["AUTHORITY"])).not.toThrow();
    try {
      checkTactics([{ tactic: "AUTHORITY" }, { tactic: "BRIBERY" }], ["AUTHORITY"]);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ZodError);
      expect((e as ZodError).issues[0].path).toEqual(["followUps", 1, "tactic"]);
      expect((e as ZodError).issues[0].message).toMatch(/BRIBERY/);
    }
  });
});
