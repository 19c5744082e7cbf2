import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../testing/db";
import { bulkAssign, bulkSetStatus } from "./bulk";
import { countItemsByStatus, listItems, type ItemRow } from "./list";
import type { ListItemsOptions } from "./schemas";
import { createItems, createProjectWithAsset, createUsers } from "./test-fixtures";

describe(`items table (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  let projectId: string;
  let ids: string[];
  let users: { id: string }[];
  const N = 137;

  beforeAll(async () => {
    t = await createTestDb();
    users = await createUsers(t.db, 2);
    const { project, asset } = await createProjectWithAsset(t.db);
    projectId = project.id;
    ids = await createItems(
      t.db, projectId, asset.id,
      Array.from({ length: N }, (_, i) => ({
        question: i % 10 === 0 ? `Is there a LLAMA in picture ${i}?` : `How many cats? (${i})`,
        answerType: i % 10 === 0 ? ("YES_NO" as const) : ("NUMBER" as const),
        groundTruth: i % 10 === 0 ? "yes" : "3",
        status: i % 3 === 0 ? ("SUBMITTED" as const) : ("DRAFT" as const),
        assigneeId: i % 4 === 0 ? users[0].id : null,
        lintWarnings: i % 5 === 0 ? 2 : 0,
      })),
    );
    await t.db.itemTag.createMany({ data: ids.filter((_, i) => i % 7 === 0).map((itemId) => ({ itemId, tag: "kitchen" })) });
    // Spread updatedAt over a few equal values so the (updatedAt, id) keyset has ties to get right.
    for (let k = 0; k < 4; k++) {
      await t.db.item.updateMany({ where: { id: { in: ids.filter((_, i) => i % 4 === k) } }, data: { updatedAt: new Date(Date.UTC(2030, 0, 1 + k)) } });
    }
    // A different project's items never show up.
    const other = await createProjectWithAsset(t.db);
    await createItems(t.db, other.project.id, other.asset.id, [{}, {}]);
  });
  afterAll(async () => t?.drop());

  async function all(options: ListItemsOptions): Promise<ItemRow[]> {
    const rows: ItemRow[] = [];
    let cursor: string | undefined;
    for (let pages = 0; pages < 100; pages++) {
      const page = await listItems(t.db, projectId, { ...options, cursor });
      expect(page.items.length).toBeLessThanOrEqual(options.limit ?? 50);
      rows.push(...page.items);
      if (!page.nextCursor) return rows;
      cursor = page.nextCursor;
    }
    throw new Error("pagination did not end");
  }

  it.each([
    ["created", "desc"],
    ["created", "asc"],
    ["updated", "desc"],
    ["updated", "asc"],
  ] as const)("sort %s %s: every item exactly once, in order", async (sort, dir) => {
    const rows = await all({ sort, dir, limit: 10 });
    expect(rows).toHaveLength(N);
    expect(new Set(rows.map((r) => r.id))).toEqual(new Set(ids));
    const key = (r: ItemRow) => (sort === "created" ? r.id : `${r.updatedAt.toISOString()}|${r.id}`);
    const keys = rows.map(key);
    const sorted = [...keys].sort();
    expect(keys).toEqual(dir === "asc" ? sorted : sorted.reverse());
  });

  it("created order is creation order", async () => {
    const rows = await all({ sort: "created", dir: "asc", limit: 50 });
    expect(rows.map((r) => r.id)).toEqual(ids);
  });

  it("filters combine with pagination", async () => {
    const rows = await all({ status: "DRAFT", assigneeId: users[0].id, limit: 3 });
    const expected = ids.filter((_, i) => i % 3 !== 0 && i % 4 === 0);
    expect(rows.map((r) => r.id).sort()).toEqual([...expected].sort());
    expect(rows.every((r) => r.status === "DRAFT" && r.assignee?.id === users[0].id)).toBe(true);
  });

  it("filters by unassigned, answer type, tag and lint warnings", async () => {
    expect((await all({ assigneeId: null })).length).toBe(ids.filter((_, i) => i % 4 !== 0).length);
    expect((await all({ answerType: "YES_NO" })).length).toBe(14);
    const tagged = await all({ tag: "Kitchen" });
    expect(tagged.length).toBe(20);
    expect(tagged.every((r) => r.tags.includes("kitchen"))).toBe(true);
    expect((await all({ hasLintWarnings: true })).length).toBe(28);
    expect((await all({ hasLintWarnings: false })).length).toBe(N - 28);
  });

  it("searches the question case-insensitively", async () => {
    const rows = await all({ q: "llama" });
    expect(rows.length).toBe(14);
    expect((await all({ q: "Llama In PICTURE 1" })).map((r) => r.question)).toEqual(
      expect.arrayContaining(["Is there a LLAMA in picture 10?", "Is there a LLAMA in picture 100?"]),
    );
  });

  it("rejects a cursor from another sort, naming the field", async () => {
    const page = await listItems(t.db, projectId, { sort: "created", limit: 5 });
    await expect(listItems(t.db, projectId, { sort: "updated", cursor: page.nextCursor! })).rejects.toThrow(/cursor/);
    await expect(listItems(t.db, projectId, { cursor: "garbage" })).rejects.toThrow(/cursor/);
  });

  it("counts per status under the other filters", async () => {
    const counts = await countItemsByStatus(t.db, projectId);
    expect(counts.SUBMITTED).toBe(ids.filter((_, i) => i % 3 === 0).length);
    expect(counts.DRAFT).toBe(ids.filter((_, i) => i % 3 !== 0).length);
    expect(counts.APPROVED).toBe(0);
    const llamas = await countItemsByStatus(t.db, projectId, { q: "LLAMA", status: "DRAFT" });
    expect(llamas.SUBMITTED + llamas.DRAFT).toBe(14);
  });

  it("bulk assign and bulk status update only what applies and audit each item", async () => {
    const drafts = ids.filter((_, i) => i % 3 !== 0).slice(0, 5);
    const submitted = ids[0];
    const result = await bulkAssign(t.db, users[1].id, [...drafts, submitted, "missing"], users[1].id, { projectId });
    expect(result).toEqual({ updated: 5, skipped: [submitted, "missing"] });
    expect(await t.db.item.count({ where: { id: { in: drafts }, assigneeId: users[1].id, leaseExpiresAt: null } })).toBe(5);
    expect(await t.db.auditEvent.count({ where: { action: "assign", entityId: { in: drafts } } })).toBe(5);
    await expect(bulkAssign(t.db, users[1].id, drafts, "nobody")).rejects.toThrow(/assigneeId/);

    await t.db.user.update({ where: { id: users[1].id }, data: { role: "ADMIN" } }); // the override is the admin's
    const before = await t.db.item.findMany({ where: { id: { in: drafts } }, select: { version: true } });
    const status = await bulkSetStatus(t.db, users[1].id, [...drafts, submitted], "APPROVED", { projectId });
    expect(status.updated).toBe(6);
    const after = await t.db.item.findMany({ where: { id: { in: drafts } }, select: { version: true, status: true } });
    expect(after.every((r) => r.status === "APPROVED")).toBe(true);
    expect(after.reduce((s, r) => s + r.version, 0)).toBe(before.reduce((s, r) => s + r.version, 0) + 5);
    expect(await t.db.auditEvent.count({ where: { action: "status", entityId: { in: [...drafts, submitted] } } })).toBe(6);
    await expect(bulkSetStatus(t.db, users[1].id, [], "DRAFT")).rejects.toThrow(/itemIds/);
  });
});
