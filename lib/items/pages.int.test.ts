import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../testing/db";
import { adjacentItemIds, listItemTablePage } from "./pages";
import { createItems, createProjectWithAsset } from "./test-fixtures";

describe(`items table pages (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => t?.drop());

  it("walks forward with `cursor` and back with `before`, in both directions and sorts", async () => {
    const { project, asset } = await createProjectWithAsset(t.db);
    const ids = await createItems(t.db, project.id, asset.id, Array.from({ length: 7 }, () => ({})));
    for (const dir of ["desc", "asc"] as const) {
      for (const sort of ["created", "updated"] as const) {
        const order = sort === "created" && dir === "asc" ? ids : sort === "created" ? [...ids].reverse() : null;
        const first = await listItemTablePage(t.db, project.id, { limit: 3, dir, sort });
        expect(first.prevCursor).toBeNull();
        const second = await listItemTablePage(t.db, project.id, { limit: 3, dir, sort, cursor: first.nextCursor! });
        const third = await listItemTablePage(t.db, project.id, { limit: 3, dir, sort, cursor: second.nextCursor! });
        expect(third.nextCursor).toBeNull();
        const all = [...first.items, ...second.items, ...third.items].map((i) => i.id);
        expect(new Set(all).size).toBe(7);
        if (order) expect(all).toEqual(order);
        // Back from the third page gives the second page again, then the first.
        const back = await listItemTablePage(t.db, project.id, { limit: 3, dir, sort, before: third.prevCursor! });
        expect(back.items.map((i) => i.id)).toEqual(second.items.map((i) => i.id));
        expect(back.nextCursor).not.toBeNull();
        const start = await listItemTablePage(t.db, project.id, { limit: 3, dir, sort, before: back.prevCursor! });
        expect(start.items.map((i) => i.id)).toEqual(first.items.map((i) => i.id));
        expect(start.prevCursor).toBeNull();
      }
    }
  });

  it("keeps the filters while paging back", async () => {
    const { project, asset } = await createProjectWithAsset(t.db);
    const ids = await createItems(t.db, project.id, asset.id, Array.from({ length: 6 }, (_, i) => ({ status: i % 2 ? "SUBMITTED" : "DRAFT" })));
    const drafts = ids.filter((_, i) => i % 2 === 0).reverse();
    const first = await listItemTablePage(t.db, project.id, { status: "DRAFT", limit: 2 });
    const second = await listItemTablePage(t.db, project.id, { status: "DRAFT", limit: 2, cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((i) => i.id)).toEqual(drafts);
    const back = await listItemTablePage(t.db, project.id, { status: "DRAFT", limit: 2, before: second.prevCursor! });
    expect(back.items.map((i) => i.id)).toEqual(drafts.slice(0, 2));
  });

  it("rejects a cursor of another sort, naming the field", async () => {
    const { project, asset } = await createProjectWithAsset(t.db);
    await createItems(t.db, project.id, asset.id, [{}, {}]);
    const first = await listItemTablePage(t.db, project.id, { limit: 1 });
    await expect(listItemTablePage(t.db, project.id, { sort: "updated", before: first.nextCursor! })).rejects.toThrow(/cursor/);
  });

  it("finds an item's neighbours in creation order, within its project", async () => {
    const { project, asset } = await createProjectWithAsset(t.db);
    const ids = await createItems(t.db, project.id, asset.id, [{}, {}, {}]);
    const elsewhere = await createProjectWithAsset(t.db);
    await createItems(t.db, elsewhere.project.id, elsewhere.asset.id, [{}]);
    expect(await adjacentItemIds(t.db, project.id, ids[1])).toEqual({ previous: ids[0], next: ids[2] });
    expect(await adjacentItemIds(t.db, project.id, ids[2])).toEqual({ previous: ids[1], next: null });
  });
});
