import { describe, expect, it } from "vitest";
import { newId } from "./ids";

describe("newId", () => {
  it("makes 25-character cuid-shaped ids, distinct, ordered by time across milliseconds", async () => {
    const ids = Array.from({ length: 10_000 }, () => newId());
    for (const id of ids.slice(0, 50)) expect(id).toMatch(/^c[0-9a-z]{24}$/);
    expect(new Set(ids).size).toBe(ids.length);
    const before = newId();
    await new Promise((resolve) => setTimeout(resolve, 2));
    expect(newId() > before).toBe(true);
  });
});
