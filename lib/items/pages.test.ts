import { describe, expect, it } from "vitest";
import { itemTableQuerySchema, itemTableSearch } from "./pages";

describe("items table URLs", () => {
  it("reads the query string into listing options and writes it back", () => {
    const query = itemTableQuerySchema.parse({ status: "DRAFT", assignee: "none", type: "YES_NO", tag: "Red", warnings: "yes", q: " cat ", sort: "updated", dir: ["asc", "desc"], cursor: "" });
    expect(query).toEqual({ status: "DRAFT", assigneeId: null, answerType: "YES_NO", tag: "red", hasLintWarnings: true, q: "cat", sort: "updated", dir: "asc", cursor: undefined, before: undefined });
    expect(itemTableSearch(query, { cursor: "abc" })).toBe("?status=DRAFT&assignee=none&type=YES_NO&tag=red&warnings=yes&q=cat&sort=updated&dir=asc&cursor=abc");
    expect(itemTableSearch(itemTableQuerySchema.parse({}))).toBe("");
    expect(itemTableSearch(itemTableQuerySchema.parse({ status: "DRAFT" }), {}, { status: undefined })).toBe("");
    expect(() => itemTableQuerySchema.parse({ status: "LOST" })).toThrow(/status/);
  });

  it("sorts by best match while searching unless told otherwise, and never without a search", () => {
    const searching = itemTableQuerySchema.parse({ q: "cat" });
    expect(searching.sort).toBe("relevance");
    expect(itemTableSearch(searching)).toBe("?q=cat");
    expect(itemTableSearch(itemTableQuerySchema.parse({ q: "cat", sort: "created" }))).toBe("?q=cat&sort=created");
    expect(itemTableQuerySchema.parse({ q: "cat", sort: "" }).sort).toBe("relevance");
    expect(itemTableQuerySchema.parse({ sort: "relevance" }).sort).toBe("created");
  });
});
