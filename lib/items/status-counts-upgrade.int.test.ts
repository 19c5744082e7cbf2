// Upgrading a database that has items: the item_status_counts migration's backfill counts the items
// written before it, and its triggers count every write after it.
import { describe, expect, it } from "vitest";
import { applyMigrations } from "../db/migrate";
import { testProvider } from "../testing/db";
import { testDbBefore } from "../testing/migrations";
import { notGoldCopy } from "./gold-copies";
import { allItemStatusCounts, noStatusCounts, projectItemStatusCounts } from "./status-counts";
import { createItems, createProjectWithAsset, createUsers } from "./test-fixtures";

const MIGRATION = "20261201043110_item_status_counts";

describe(`item status counts: upgrade (${testProvider()})`, () => {
  const t = testDbBefore(MIGRATION);

  it("backfills the counts of every project's items, then keeps them", async () => {
    const [annotator] = await createUsers(t.db, 1);
    const a = await createProjectWithAsset(t.db);
    const b = await createProjectWithAsset(t.db);
    await createProjectWithAsset(t.db); // a project without items
    const aItems = await createItems(t.db, a.project.id, a.asset.id, [
      ...Array.from({ length: 7 }, () => ({})),
      ...Array.from({ length: 4 }, () => ({ status: "APPROVED" as const })),
      { status: "IN_REVIEW" },
      { status: "REJECTED" },
    ]);
    await createItems(t.db, b.project.id, b.asset.id, [{ status: "SUBMITTED" }, { status: "CHANGES_REQUESTED" }]);
    await t.db.goldAttempt.create({ data: { projectId: a.project.id, goldItemId: aItems[7], itemId: aItems[0], annotatorId: annotator.id } });

    // The app is stopped while a deployment migrates (and SQLite's migration waits for no other connection).
    await t.db.$disconnect();
    expect((await applyMigrations(t.config))[0]).toBe(MIGRATION); // and the later ones

    expect(await allItemStatusCounts(t.db, a.project.id)).toEqual({ ...noStatusCounts(), DRAFT: 7, APPROVED: 4, IN_REVIEW: 1, REJECTED: 1 });
    expect(await projectItemStatusCounts(t.db, a.project.id)).toEqual({ ...noStatusCounts(), DRAFT: 6, APPROVED: 4, IN_REVIEW: 1, REJECTED: 1 });
    expect(await allItemStatusCounts(t.db, b.project.id)).toEqual({ ...noStatusCounts(), SUBMITTED: 1, CHANGES_REQUESTED: 1 });
    expect(await t.db.itemStatusCount.count()).toBe(6);

    await t.db.item.updateMany({ where: { id: { in: aItems.slice(1, 4) } }, data: { status: "SUBMITTED" } });
    await t.db.item.delete({ where: { id: aItems[8] } });
    const direct = await t.db.item.groupBy({ by: ["status"], where: { projectId: a.project.id, ...notGoldCopy }, _count: { _all: true } });
    expect(await projectItemStatusCounts(t.db, a.project.id)).toEqual({ ...noStatusCounts(), ...Object.fromEntries(direct.map((g) => [g.status, g._count._all])) });
  });
});
