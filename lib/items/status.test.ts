import { describe, expect, it } from "vitest";
import { findTransition, ITEM_STATUSES, ITEM_TRANSITIONS, nextStatuses, TRANSITION_ACTORS } from "./status";

describe("the item lifecycle table", () => {
  it("lets each actor make exactly its moves", () => {
    expect(nextStatuses("DRAFT", "author")).toEqual(["SUBMITTED"]);
    expect(nextStatuses("CHANGES_REQUESTED", "author")).toEqual(["SUBMITTED"]);
    expect(nextStatuses("SUBMITTED", "author")).toEqual([]);
    expect(nextStatuses("SUBMITTED", "reviewer")).toEqual(["IN_REVIEW"]);
    expect(nextStatuses("IN_REVIEW", "reviewer")).toEqual(["SUBMITTED", "CHANGES_REQUESTED", "APPROVED", "REJECTED"]);
    expect(nextStatuses("IN_REVIEW", "adjudicator")).toEqual(["CHANGES_REQUESTED", "APPROVED", "REJECTED"]);
    for (const s of ["DRAFT", "APPROVED", "REJECTED", "CHANGES_REQUESTED"] as const) expect(nextStatuses(s, "reviewer")).toEqual([]);
    for (const s of ["APPROVED", "REJECTED"] as const) {
      expect(nextStatuses(s, "author")).toEqual([]);
      expect(nextStatuses(s, "adjudicator")).toEqual([]);
    }
  });

  it("lets an admin override any status to any other, never to the same", () => {
    for (const from of ITEM_STATUSES) {
      expect(nextStatuses(from, "admin")).toEqual(ITEM_STATUSES.filter((s) => s !== from));
      expect(findTransition(from, from, "admin")).toBeNull();
    }
  });

  it("names every move's audit action, and no rule is listed twice", () => {
    expect(findTransition("DRAFT", "SUBMITTED", "author")?.action).toBe("submit");
    expect(findTransition("SUBMITTED", "IN_REVIEW", "reviewer")?.action).toBe("review.claim");
    expect(findTransition("IN_REVIEW", "APPROVED", "adjudicator")?.action).toBe("adjudicate");
    expect(findTransition("REJECTED", "DRAFT", "admin")?.action).toBe("status");
    const keys = ITEM_TRANSITIONS.map((t) => `${t.from}>${t.to}>${t.by}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const t of ITEM_TRANSITIONS) expect(TRANSITION_ACTORS).toContain(t.by);
  });
});
