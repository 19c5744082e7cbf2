// Upgrading a database that has follow-ups: the follow_up_kind_counts migration's backfill counts the
// follow-ups written before it, and its triggers count every write after it.
import { describe, expect, it } from "vitest";
import { applyMigrations } from "../db/migrate";
import { notGoldCopy } from "../items/gold-copies";
import { createItems, createProjectWithAsset, createUsers } from "../items/test-fixtures";
import { testProvider } from "../testing/db";
import { testDbBefore } from "../testing/migrations";
import { allFollowUpKindCounts, noKindCounts, projectFollowUpKindCounts } from "./kind-counts";

const MIGRATION = "20261201080452_follow_up_kind_counts";

describe(`follow-up kind counts: upgrade (${testProvider()})`, () => {
  const t = testDbBefore(MIGRATION);

  it("backfills the counts of every project's follow-ups, then keeps them", async () => {
    const [annotator] = await createUsers(t.db, 1);
    const a = await createProjectWithAsset(t.db);
    const b = await createProjectWithAsset(t.db);
    const empty = await createProjectWithAsset(t.db); // a project with items but no follow-ups
    const aItems = await createItems(t.db, a.project.id, a.asset.id, Array.from({ length: 5 }, () => ({})));
    const [bItem] = await createItems(t.db, b.project.id, b.asset.id, [{}]);
    await createItems(t.db, empty.project.id, empty.asset.id, [{}]);
    await t.db.followUp.createMany({
      data: [
        ...aItems.flatMap((itemId) => [{ itemId, kind: "MISLEADING" as const }, { itemId, kind: "MISLEADING" as const }, { itemId, kind: "CORRECTIVE" as const }]),
        { itemId: bItem, kind: "CORRECTIVE" },
      ],
    });
    // aItems[0] is a gold copy (of aItems[4]): its follow-ups are counted, and left out of the page's figures.
    await t.db.goldAttempt.create({ data: { projectId: a.project.id, goldItemId: aItems[4], itemId: aItems[0], annotatorId: annotator.id } });

    // The app is stopped while a deployment migrates (and SQLite's migration waits for no other connection).
    await t.db.$disconnect();
    expect((await applyMigrations(t.config))[0]).toBe(MIGRATION);

    expect(await allFollowUpKindCounts(t.db, a.project.id)).toEqual({ MISLEADING: 10, CORRECTIVE: 5 });
    expect(await projectFollowUpKindCounts(t.db, a.project.id)).toEqual({ MISLEADING: 8, CORRECTIVE: 4 });
    expect(await allFollowUpKindCounts(t.db, b.project.id)).toEqual({ ...noKindCounts(), CORRECTIVE: 1 });
    expect(await allFollowUpKindCounts(t.db, empty.project.id)).toEqual(noKindCounts());
    expect(await t.db.followUpKindCount.count()).toBe(3);

    const moved = await t.db.followUp.findFirstOrThrow({ where: { itemId: aItems[1], kind: "MISLEADING" } });
    await t.db.followUp.update({ where: { id: moved.id }, data: { kind: "CORRECTIVE" } });
    await t.db.followUp.create({ data: { itemId: aItems[2], kind: "MISLEADING" } });
    await t.db.item.delete({ where: { id: aItems[3] } });
    const direct = await t.db.followUp.groupBy({ by: ["kind"], where: { item: { projectId: a.project.id, ...notGoldCopy } }, _count: { _all: true } });
    expect(await projectFollowUpKindCounts(t.db, a.project.id)).toEqual({ ...noKindCounts(), ...Object.fromEntries(direct.map((g) => [g.kind, g._count._all])) });
    expect(await projectFollowUpKindCounts(t.db, a.project.id)).toEqual({ MISLEADING: 6, CORRECTIVE: 4 });
  });
});
