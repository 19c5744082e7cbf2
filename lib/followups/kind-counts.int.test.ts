// The counts per kind the database keeps (FollowUpKindCount, kept by triggers) against a direct count of
// the follow-ups, after every kind of write: the editor's saves, bulk inserts, raw SQL, kind changes,
// moves, deletions of follow-ups, items and projects, and many editors at once on separate connections
// (PostgreSQL, where they really race for the counter rows' shards and could lock them in opposite orders).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../db/client";
import { Prisma } from "../db/generated/sqlite/client";
import { notGoldCopy } from "../items/gold-copies";
import { createItems, createProjectWithAsset, createUsers } from "../items/test-fixtures";
import { projectStats } from "../projects/projects";
import { createTestDb, testProvider, type TestDb } from "../testing/db";
import { allFollowUpKindCounts, noKindCounts, projectFollowUpKindCounts, type KindCounts } from "./kind-counts";
import { saveItemDraft } from "./save-draft";
import type { SaveItemDraftInput } from "./schemas";
import { correctiveFollowUp as corrective, misleadingFollowUp as misleading } from "./test-fixtures";

/** The follow-ups per kind, counted one by one. */
async function directCounts(db: Db, projectId: string, withoutGoldCopies = false): Promise<KindCounts> {
  const groups = await db.followUp.groupBy({ by: ["kind"], where: { item: { projectId, ...(withoutGoldCopies ? notGoldCopy : {}) } }, _count: { _all: true } });
  const counts = noKindCounts();
  for (const g of groups) counts[g.kind] = g._count._all;
  return counts;
}

/** Every reader of the kept counts agrees with a direct count. */
async function expectCountsExact(db: Db, projectId: string) {
  expect(await allFollowUpKindCounts(db, projectId)).toEqual(await directCounts(db, projectId));
  const visible = await directCounts(db, projectId, true);
  expect(await projectFollowUpKindCounts(db, projectId)).toEqual(visible);
  expect((await projectStats(db, projectId)).followUps).toEqual(visible);
}

/** The editor's save of an item held by `actorId`, with these follow-ups. */
function draft(itemId: string, expectedVersion: number, actorId: string, followUps: SaveItemDraftInput["followUps"]): SaveItemDraftInput {
  return {
    itemId, expectedVersion, actorId, question: "How many cats are on the sofa?", answerType: "NUMBER", options: [], groundTruth: "3",
    caption: "Living room", tags: [], isGold: false, followUps,
  };
}

describe(`follow-up kind counts (${testProvider()})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => t?.drop());

  it("equal a direct count after saves, bulk inserts, kind changes, raw SQL, moves, gold copies and deletions", async () => {
    const [annotator] = await createUsers(t.db, 1);
    const { project, asset } = await createProjectWithAsset(t.db);
    const { project: other, asset: otherAsset } = await createProjectWithAsset(t.db);
    const exact = () => expectCountsExact(t.db, project.id);
    await exact(); // a project without follow-ups: every kind 0
    expect(await t.db.followUpKindCount.count({ where: { projectId: project.id } })).toBe(0);

    // The editor's saves: two follow-ups, then one of them changes kind, one is dropped and two added.
    const items = await createItems(t.db, project.id, asset.id, Array.from({ length: 6 }, () => ({ assigneeId: annotator.id })));
    const { item } = await saveItemDraft(t.db, draft(items[0], 1, annotator.id, [misleading, corrective]));
    await exact();
    expect(await allFollowUpKindCounts(t.db, project.id)).toEqual({ MISLEADING: 1, CORRECTIVE: 1 });
    const [m, c] = item.followUps;
    await saveItemDraft(t.db, draft(items[0], 2, annotator.id, [{ ...misleading, id: m.id, kind: "CORRECTIVE" }, corrective, misleading]));
    await exact();
    expect(await allFollowUpKindCounts(t.db, project.id)).toEqual({ MISLEADING: 1, CORRECTIVE: 2 });
    expect(await t.db.followUp.count({ where: { id: c.id } })).toBe(0);
    // An edit that changes no kind.
    await saveItemDraft(t.db, draft(items[0], 3, annotator.id, (await t.db.followUp.findMany({ where: { itemId: items[0] }, orderBy: { position: "asc" } })).map((f) => ({ ...corrective, id: f.id, kind: f.kind, userMessage: `${f.userMessage}!` }))));
    await exact();

    // An import: many follow-ups over several items in one statement, and some in the other project.
    const [otherItem] = await createItems(t.db, other.id, otherAsset.id, [{}, {}]);
    await t.db.followUp.createMany({
      data: [
        ...items.slice(1).flatMap((itemId) => [{ itemId, kind: "MISLEADING" as const }, { itemId, kind: "MISLEADING" as const }, { itemId, kind: "CORRECTIVE" as const }]),
        { itemId: otherItem, kind: "CORRECTIVE" },
      ],
    });
    await exact();
    await expectCountsExact(t.db, other.id);
    expect(await allFollowUpKindCounts(t.db, project.id)).toEqual({ MISLEADING: 11, CORRECTIVE: 7 });

    // Raw SQL: a bulk change of kind both ways, and a text edit that changes no kind.
    const kind = (name: string) => (t.provider === "postgresql" ? `'${name}'::"FollowUpKind"` : `'${name}'`); // a CASE's literals are text on PostgreSQL
    await t.db.$executeRaw(Prisma.sql`UPDATE "FollowUp" SET "kind" = CASE WHEN "kind" = 'MISLEADING' THEN ${Prisma.raw(kind("CORRECTIVE"))} ELSE ${Prisma.raw(kind("MISLEADING"))} END WHERE "itemId" IN (${items[1]}, ${items[2]})`);
    await t.db.$executeRaw`UPDATE "FollowUp" SET "userMessage" = 'Edited' WHERE "itemId" IN (${items[1]}, ${items[3]})`;
    await exact();

    // A gold copy with follow-ups (left out of the visible counts) and its attempt.
    const [copy] = await createItems(t.db, project.id, asset.id, [{ assigneeId: annotator.id }]);
    await t.db.goldAttempt.create({ data: { projectId: project.id, goldItemId: items[5], itemId: copy, annotatorId: annotator.id } });
    await saveItemDraft(t.db, draft(copy, 1, annotator.id, [misleading, misleading, corrective]));
    await exact();
    const all = await allFollowUpKindCounts(t.db, project.id);
    expect(await projectFollowUpKindCounts(t.db, project.id)).toEqual({ MISLEADING: all.MISLEADING - 2, CORRECTIVE: all.CORRECTIVE - 1 });

    // A follow-up moved to an item of the other project (with a change of kind), then an item moved there.
    const moved = await t.db.followUp.findFirstOrThrow({ where: { itemId: items[3], kind: "MISLEADING" } });
    await t.db.followUp.update({ where: { id: moved.id }, data: { itemId: otherItem, kind: "CORRECTIVE" } });
    await exact();
    await t.db.item.update({ where: { id: items[4] }, data: { projectId: other.id } });
    await exact();
    await expectCountsExact(t.db, other.id);
    expect(await allFollowUpKindCounts(t.db, other.id)).toEqual({ MISLEADING: 2, CORRECTIVE: 3 });

    // Deletions: follow-ups, items (their follow-ups go with them, the gold copy's too), a whole project.
    await t.db.followUp.deleteMany({ where: { itemId: items[1], kind: "CORRECTIVE" } });
    await exact();
    await t.db.item.deleteMany({ where: { id: { in: [items[2], copy] } } });
    await exact();
    await t.db.item.delete({ where: { id: items[0] } });
    await exact();
    await t.db.project.delete({ where: { id: other.id } });
    expect(await t.db.followUpKindCount.count({ where: { projectId: other.id } })).toBe(0);
    expect(await allFollowUpKindCounts(t.db, other.id)).toEqual(noKindCounts());
    await exact();
    expect(await allFollowUpKindCounts(t.db, project.id)).toEqual({ MISLEADING: 4, CORRECTIVE: 2 });
  });

  it("stay exact with many editors saving follow-ups of both kinds at once", async () => {
    const { project, asset } = await createProjectWithAsset(t.db);
    const users = await createUsers(t.db, 12);
    // PostgreSQL: each editor on its own connection pool, so the counter rows' locks really race. (SQLite
    // runs one writer at a time, and several connections in one thread would block each other's busy waits.)
    const clients = testProvider() === "postgresql" ? users.map(() => createDb(t.config)) : [];
    try {
      await Promise.all(
        users.map(async (user, u) => {
          const db = clients[u] ?? t.db;
          const [itemId] = await createItems(db, project.id, asset.id, [{ assigneeId: user.id }]);
          for (let n = 0; n < 8; n++) {
            // Kinds added, kept, switched and dropped in an order that differs between editors and saves.
            const kept = await db.followUp.findMany({ where: { itemId }, orderBy: { position: "asc" } });
            const followUps = [
              ...kept.slice((n + u) % 2).map((f, i) => ({ ...(f.kind === "MISLEADING" ? misleading : corrective), id: f.id, kind: (i + n) % 3 === 0 ? f.kind : ("CORRECTIVE" as const) })),
              ...((n + u) % 2 === 0 ? [corrective, misleading] : [misleading, corrective]),
            ];
            await saveItemDraft(db, draft(itemId, n + 1, user.id, followUps.slice(0, 5)));
          }
        }),
      );
    } finally {
      await Promise.all(clients.map((c) => c.$disconnect()));
    }
    expect(await t.db.followUp.count({ where: { item: { projectId: project.id } } })).toBeGreaterThan(12 * 3);
    await expectCountsExact(t.db, project.id);
    // PostgreSQL: the editors' transactions added to many shards (SQLite keeps one row per kind).
    const rows = await t.db.followUpKindCount.count({ where: { projectId: project.id } });
    if (testProvider() === "postgresql") expect(rows).toBeGreaterThan(2);
    else expect(rows).toBe(2);
  });
});
