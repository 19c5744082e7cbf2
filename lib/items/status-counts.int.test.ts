// The counts per status the database keeps (ItemStatusCount, kept by triggers) against a direct count of
// the items, after every kind of write: the app's own paths, bulk ones, raw SQL, deletions, and many
// writers at once on separate connections (PostgreSQL, where they really race for the counter rows).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "../db/client";
import { submitItem } from "../followups/submit";
import { listProjectsFor, projectStats } from "../projects/projects";
import { claimNextItem } from "../queue/claim";
import { claimNextReview } from "../reviews/queue";
import { submitReview } from "../reviews/submit-review";
import { SCORES, writtenItem } from "../reviews/test-fixtures";
import { createTestDb, testProvider, type TestDb } from "../testing/db";
import { bulkSetStatus } from "./bulk";
import { createItemFromAsset } from "./create";
import { notGoldCopy } from "./gold-copies";
import { countItemsByStatus } from "./list";
import { allItemStatusCounts, noStatusCounts, projectItemStatusCounts, totalOf, type StatusCounts } from "./status-counts";
import { createItems, createProjectWithAsset, createUsers } from "./test-fixtures";

/** The items per status, counted one by one. */
async function directCounts(db: Db, projectId: string, withoutGoldCopies = false): Promise<StatusCounts> {
  const groups = await db.item.groupBy({ by: ["status"], where: { projectId, ...(withoutGoldCopies ? notGoldCopy : {}) }, _count: { _all: true } });
  const counts = noStatusCounts();
  for (const g of groups) counts[g.status] = g._count._all;
  return counts;
}

/** Every reader of the kept counts agrees with a direct count. */
async function expectCountsExact(db: Db, projectId: string) {
  expect(await allItemStatusCounts(db, projectId)).toEqual(await directCounts(db, projectId));
  const visible = await directCounts(db, projectId, true);
  expect(await projectItemStatusCounts(db, projectId)).toEqual(visible);
  expect(await countItemsByStatus(db, projectId)).toEqual(visible);
  expect(await projectStats(db, projectId)).toMatchObject({ items: visible, totalItems: totalOf(visible) });
  const listed = (await listProjectsFor(db, { id: "admin", email: "admin@example.org", name: "Admin", role: "ADMIN" })).find((p) => p.id === projectId);
  expect(listed?._count.items).toBe(totalOf(visible));
}

describe(`item status counts (${testProvider()})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => t?.drop());

  async function usersWithRoles(roles: ("ADMIN" | "REVIEWER" | "ANNOTATOR")[]) {
    const users = await createUsers(t.db, roles.length);
    for (const [i, role] of roles.entries()) await t.db.user.update({ where: { id: users[i].id }, data: { role } });
    return users.map((u) => u.id);
  }

  it("equal a direct count after imports, claims, submissions, reviews, bulk changes, raw SQL, moves and deletions", async () => {
    const [admin, annotator, reviewer] = await usersWithRoles(["ADMIN", "ANNOTATOR", "REVIEWER"]);
    const { project, asset } = await createProjectWithAsset(t.db);
    const { project: other, asset: otherAsset } = await createProjectWithAsset(t.db);
    const exact = () => expectCountsExact(t.db, project.id);
    await exact(); // a project without items: every status 0

    // An import: many items in one statement, of several statuses.
    const imported = await createItems(t.db, project.id, asset.id, [
      ...Array.from({ length: 20 }, () => ({})),
      ...Array.from({ length: 5 }, () => ({ status: "SUBMITTED" as const })),
      ...Array.from({ length: 3 }, () => ({ status: "APPROVED" as const })),
    ]);
    await createItems(t.db, other.id, otherAsset.id, Array.from({ length: 4 }, () => ({})));
    await createItemFromAsset(t.db, { id: admin }, { projectId: project.id, assetId: asset.id, question: "Is the cat asleep?", answerType: "YES_NO", options: [], groundTruth: "yes" });
    await exact();
    expect((await allItemStatusCounts(t.db, project.id)).DRAFT).toBe(21);

    // Claim, write, submit; claim a review and decide it twice (changes, then approval after resubmission).
    expect(await claimNextItem(t.db, { projectId: project.id, userId: annotator })).not.toBeNull();
    await exact();
    const written = await writtenItem(t.db, project.id, asset.id, annotator);
    await submitItem(t.db, { itemId: written.itemId, expectedVersion: written.version, actorId: annotator });
    await exact();
    const review = await claimNextReview(t.db, { projectId: project.id, userId: reviewer });
    expect(review).not.toBeNull();
    await exact();
    await submitReview(t.db, { itemId: review!.itemId, reviewerId: reviewer, scores: SCORES, decision: "REJECT", comment: "The picture shows no cat." });
    await exact();

    // The admin's bulk status change, a gold copy (left out of the visible counts), raw SQL.
    await bulkSetStatus(t.db, admin, imported.slice(0, 10), "APPROVED");
    await exact();
    const [copy] = await createItems(t.db, project.id, asset.id, [{ status: "DRAFT" }]);
    await t.db.goldAttempt.create({ data: { projectId: project.id, goldItemId: imported[25], itemId: copy, annotatorId: annotator } });
    await exact();
    expect((await allItemStatusCounts(t.db, project.id)).DRAFT - (await projectItemStatusCounts(t.db, project.id)).DRAFT).toBe(1);
    await t.db.$executeRaw`UPDATE "Item" SET "status" = 'CHANGES_REQUESTED' WHERE "id" IN (${imported[10]}, ${imported[11]}, ${copy})`;
    await t.db.$executeRaw`UPDATE "Item" SET "question" = 'Edited' WHERE "projectId" = ${project.id}`; // no status change
    await exact();

    // An item moved to another project counts there.
    await t.db.item.update({ where: { id: imported[12] }, data: { projectId: other.id, status: "SUBMITTED" } });
    await exact();
    await expectCountsExact(t.db, other.id);

    // Deletions: some items (the gold copy's attempt goes with it), then a whole project.
    await t.db.item.deleteMany({ where: { id: { in: [...imported.slice(0, 3), imported[13], copy] } } });
    await exact();
    // (A project with reviews cannot be deleted: Review's author is restricted. The other project has none.)
    await t.db.project.delete({ where: { id: other.id } });
    expect(await t.db.itemStatusCount.count({ where: { projectId: other.id } })).toBe(0);
    expect(await allItemStatusCounts(t.db, other.id)).toEqual(noStatusCounts());
    await exact();
    expect(totalOf(await allItemStatusCounts(t.db, project.id))).toBe(25);
  });

  it("with a filter, the counts still count the matching items", async () => {
    const { project, asset } = await createProjectWithAsset(t.db);
    await createItems(t.db, project.id, asset.id, [{ answerType: "YES_NO" }, { answerType: "NUMBER" }, { answerType: "NUMBER", status: "APPROVED" }]);
    expect(await countItemsByStatus(t.db, project.id, { answerType: "NUMBER" })).toMatchObject({ DRAFT: 1, APPROVED: 1 });
    expect(await countItemsByStatus(t.db, project.id, { status: "APPROVED" })).toMatchObject({ DRAFT: 2, APPROVED: 1 });
  });

  it("stay exact with many claims and status changes at once", async () => {
    const { project, asset } = await createProjectWithAsset(t.db);
    await createItems(t.db, project.id, asset.id, Array.from({ length: 120 }, () => ({})));
    const users = await createUsers(t.db, 12);
    // PostgreSQL: each claimer on its own connection pool, so the counter rows' locks really race. (SQLite
    // runs one writer at a time, and several connections in one thread would block each other's busy waits.)
    const clients = testProvider() === "postgresql" ? users.map(() => createDb(t.config)) : [];
    try {
      await Promise.all(
        users.map(async (user, i) => {
          const db = clients[i] ?? t.db;
          for (let n = 0; n < 10; n++) {
            const claim = await claimNextItem(db, { projectId: project.id, userId: user.id });
            if (!claim) break;
            // Alternate single and bulk status changes, in both directions between the same statuses.
            const to = n % 3 === 0 ? "SUBMITTED" : n % 3 === 1 ? "APPROVED" : "REJECTED";
            await db.item.updateMany({ where: { id: claim.itemId, assigneeId: user.id }, data: { status: to, leaseExpiresAt: null } });
            if (n % 4 === 3) await db.item.updateMany({ where: { projectId: project.id, assigneeId: user.id, status: "APPROVED" }, data: { status: "SUBMITTED" } });
          }
        }),
      );
    } finally {
      await Promise.all(clients.map((c) => c.$disconnect()));
    }
    expect((await directCounts(t.db, project.id)).DRAFT).toBe(0);
    await expectCountsExact(t.db, project.id);
  });
});
