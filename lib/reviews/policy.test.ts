import { describe, expect, it } from "vitest";
import { decideRound } from "./policy";

describe("decideRound", () => {
  it("waits for k reviews", () => {
    expect(decideRound(["APPROVE"], 2, "all")).toEqual({ kind: "pending", missing: 1 });
    expect(decideRound([], 1, "majority")).toEqual({ kind: "pending", missing: 1 });
  });

  it("takes a unanimous decision under either policy", () => {
    expect(decideRound(["APPROVE"], 1, "all")).toEqual({ kind: "decided", decision: "APPROVE", unanimous: true });
    expect(decideRound(["REJECT", "REJECT"], 2, "majority")).toEqual({ kind: "decided", decision: "REJECT", unanimous: true });
  });

  it("'all' adjudicates any disagreement, even a 2-to-1 approval", () => {
    expect(decideRound(["APPROVE", "REQUEST_CHANGES"], 2, "all")).toEqual({ kind: "adjudicate" });
    expect(decideRound(["APPROVE", "APPROVE", "REJECT"], 3, "all")).toEqual({ kind: "adjudicate" });
  });

  it("'majority' follows a strict majority and adjudicates ties", () => {
    expect(decideRound(["APPROVE", "REJECT", "APPROVE"], 3, "majority")).toEqual({ kind: "decided", decision: "APPROVE", unanimous: false });
    expect(decideRound(["APPROVE", "REJECT"], 2, "majority")).toEqual({ kind: "adjudicate" });
    expect(decideRound(["APPROVE", "REJECT", "REQUEST_CHANGES"], 3, "majority")).toEqual({ kind: "adjudicate" });
  });
});
