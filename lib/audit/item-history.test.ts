import { describe, expect, it } from "vitest";
import { summarise } from "./item-history";

describe("summarise", () => {
  it("lists changed fields with before → after, and new fields alone", () => {
    expect(summarise({ status: "SUBMITTED", version: 2 }, { status: "APPROVED", version: 2 })).toBe("status: SUBMITTED → APPROVED");
    expect(summarise(null, { assigneeId: "u1" })).toBe("assigneeId: u1");
    expect(summarise({ question: "x".repeat(60) }, { question: "y" })).toMatch(/^question: x{39}… → y$/);
  });
});
