import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConflictError, ForbiddenError } from "../errors";
import { submitItem } from "../followups/submit";
import { ITEM_STATUSES, TRANSITION_ACTORS, findTransition } from "../items/status";
import { createItems, createProjectWithAsset, createUsers } from "../items/test-fixtures";
import { IllegalTransition, transitionItem } from "../items/transition";
import { claimNextItem } from "../queue/claim";
import { createTestDb, type TestDb } from "../testing/db";
import { adjudicate } from "./adjudicate";
import { claimNextReview, releaseReview, renewReview } from "./queue";
import { submitReview } from "./submit-review";
import { SCORES, writtenItem } from "./test-fixtures";

describe(`review workflow (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => t?.drop());

  async function usersWithRoles(roles: ("ADMIN" | "REVIEWER" | "ANNOTATOR" | "RESEARCHER")[]) {
    const users = await createUsers(t.db, roles.length);
    for (const [i, role] of roles.entries()) await t.db.user.update({ where: { id: users[i].id }, data: { role } });
    return users.map((u) => u.id);
  }

  it("refuses every move the lifecycle table does not allow (409, nothing written) and makes every allowed one", async () => {
    const { project, asset } = await createProjectWithAsset(t.db);
    // An admin may act in every capacity, so only the table decides here.
    const [admin] = await usersWithRoles(["ADMIN"]);
    let illegal = 0;
    let legal = 0;
    for (const from of ITEM_STATUSES) {
      for (const to of ITEM_STATUSES) {
        for (const by of TRANSITION_ACTORS) {
          const [itemId] = await createItems(t.db, project.id, asset.id, [{ status: from }]);
          const attempt = t.db.$transaction((tx) => transitionItem(tx, { itemId, to, by, actorId: admin }));
          const row = () => t.db.item.findUniqueOrThrow({ where: { id: itemId }, select: { status: true, version: true } });
          if (findTransition(from, to, by)) {
            await expect(attempt).resolves.toBe(from);
            expect(await row()).toEqual({ status: to, version: 2 });
            expect(await t.db.auditEvent.count({ where: { entityId: itemId } })).toBe(1);
            legal++;
          } else {
            const error = await attempt.catch((e: unknown) => e);
            expect(error).toBeInstanceOf(IllegalTransition);
            expect(error).toBeInstanceOf(ConflictError);
            expect((error as ConflictError).status).toBe(409);
            expect(await row()).toEqual({ status: from, version: 1 });
            expect(await t.db.auditEvent.count({ where: { entityId: itemId } })).toBe(0);
            illegal++;
          }
        }
      }
    }
    expect(legal).toBe(30 + 2 + 1 + 4 + 3); // admin: 6×5; author 2; reviewer claim 1, release + 3 decisions; adjudicator 3
    expect(illegal).toBe(6 * 6 * 4 - legal);
  });

  it("refuses a capacity the actor's role does not have (403)", async () => {
    const { project, asset } = await createProjectWithAsset(t.db);
    const [annotator, reviewer] = await usersWithRoles(["ANNOTATOR", "REVIEWER"]);
    const [submitted, inReview] = await createItems(t.db, project.id, asset.id, [{ status: "SUBMITTED" }, { status: "IN_REVIEW" }]);
    const move = (itemId: string, to: "IN_REVIEW" | "APPROVED", by: "reviewer" | "adjudicator" | "admin", actorId: string) =>
      t.db.$transaction((tx) => transitionItem(tx, { itemId, to, by, actorId }));
    await expect(move(submitted, "IN_REVIEW", "reviewer", annotator)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(move(inReview, "APPROVED", "adjudicator", reviewer)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(move(inReview, "APPROVED", "admin", reviewer)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await t.db.item.count({ where: { id: { in: [submitted, inReview] }, version: 1 } })).toBe(2);
  });

  it("10 reviewers claiming at once get 10 different items", async () => {
    const { project, asset } = await createProjectWithAsset(t.db);
    const ids = await createItems(t.db, project.id, asset.id, Array.from({ length: 12 }, () => ({ status: "SUBMITTED" as const })));
    const reviewers = await usersWithRoles(Array.from({ length: 10 }, () => "REVIEWER" as const));
    const claims = await Promise.all(reviewers.map((userId) => claimNextReview(t.db, { projectId: project.id, userId })));
    const got = claims.map((c) => c?.itemId);
    expect(got.every((id) => id && ids.includes(id))).toBe(true);
    expect(new Set(got).size).toBe(10);
    const rows = await t.db.item.findMany({ where: { id: { in: got as string[] } }, select: { id: true, status: true, reviewerId: true } });
    for (const [i, c] of claims.entries()) expect(rows.find((r) => r.id === c!.itemId)).toMatchObject({ status: "IN_REVIEW", reviewerId: reviewers[i] });
    expect(await t.db.auditEvent.count({ where: { action: "review.claim", entityId: { in: ids } } })).toBe(10);
  });

  it("never hands a reviewer their own item, and refuses their review of it with 403", async () => {
    const { project, asset } = await createProjectWithAsset(t.db);
    const [author, reviewer] = await usersWithRoles(["ANNOTATOR", "REVIEWER"]);
    const { itemId, version } = await writtenItem(t.db, project.id, asset.id, author);
    await submitItem(t.db, { itemId, expectedVersion: version, actorId: author });
    await t.db.user.update({ where: { id: author }, data: { role: "REVIEWER" } }); // an annotator promoted to reviewer
    expect(await claimNextReview(t.db, { projectId: project.id, userId: author })).toBeNull();
    // Even holding the claim (forced here), the server refuses the author's review.
    await t.db.item.update({ where: { id: itemId }, data: { status: "IN_REVIEW", reviewerId: author } });
    const error = await submitReview(t.db, { itemId, reviewerId: author, scores: SCORES, decision: "APPROVE" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as ForbiddenError).status).toBe(403);
    expect(await t.db.review.count({ where: { itemId } })).toBe(0);
    await releaseReview(t.db, { itemId, userId: author });
    expect((await claimNextReview(t.db, { projectId: project.id, userId: reviewer }))?.itemId).toBe(itemId);
  });

  it("request changes → back to its annotator first → resubmit opens round 2 → approve", async () => {
    const { project, asset } = await createProjectWithAsset(t.db);
    const [annotator, reviewer] = await usersWithRoles(["ANNOTATOR", "REVIEWER"]);
    const { itemId, version, followUpIds } = await writtenItem(t.db, project.id, asset.id, annotator);
    await submitItem(t.db, { itemId, expectedVersion: version, actorId: annotator });
    expect(await t.db.itemRevision.count({ where: { itemId, round: 1, kind: "submit" } })).toBe(1);

    expect(await claimNextReview(t.db, { projectId: project.id, userId: reviewer })).toMatchObject({ itemId, reason: "new" });
    expect(await claimNextReview(t.db, { projectId: project.id, userId: reviewer })).toMatchObject({ itemId, reason: "resumed" });
    await expect(submitReview(t.db, { itemId, reviewerId: reviewer, scores: SCORES, decision: "REQUEST_CHANGES" })).rejects.toThrow(/comment/);
    await expect(submitReview(t.db, { itemId, reviewerId: reviewer, scores: SCORES, decision: "REJECT", comments: [{ field: "question", body: "x" }] })).rejects.toThrow(/reason/);
    await expect(submitReview(t.db, { itemId, reviewerId: reviewer, scores: { ...SCORES, tone: 6 }, decision: "APPROVE" })).rejects.toThrow(/"tone"/);

    const first = await submitReview(t.db, {
      itemId, reviewerId: reviewer, scores: SCORES, decision: "REQUEST_CHANGES",
      comments: [{ followUpId: followUpIds[0], field: "evidence", body: "Name the cushion colours." }],
    });
    expect(first).toMatchObject({ round: 1, status: "CHANGES_REQUESTED", outcome: { kind: "decided", decision: "REQUEST_CHANGES" } });
    expect(await t.db.item.findUniqueOrThrow({ where: { id: itemId } })).toMatchObject({ status: "CHANGES_REQUESTED", assigneeId: annotator, reviewerId: null });
    expect(await t.db.reviewComment.findMany({ where: { reviewId: first.reviewId }, select: { field: true, followUpId: true } })).toEqual([{ field: "evidence", followUpId: followUpIds[0] }]);

    const back = await claimNextItem(t.db, { projectId: project.id, userId: annotator });
    expect(back).toMatchObject({ itemId, reason: "changes-requested" });
    const current = await t.db.item.findUniqueOrThrow({ where: { id: itemId } });
    await submitItem(t.db, { itemId, expectedVersion: current.version, actorId: annotator });
    expect(await t.db.item.findUniqueOrThrow({ where: { id: itemId } })).toMatchObject({ status: "SUBMITTED", reviewRound: 2 });

    // The same reviewer may review the new round.
    expect((await claimNextReview(t.db, { projectId: project.id, userId: reviewer }))?.itemId).toBe(itemId);
    const second = await submitReview(t.db, { itemId, reviewerId: reviewer, scores: { ...SCORES, tone: 5 }, decision: "APPROVE" });
    expect(second).toMatchObject({ round: 2, status: "APPROVED" });
    await expect(submitReview(t.db, { itemId, reviewerId: reviewer, scores: SCORES, decision: "APPROVE" })).rejects.toBeInstanceOf(ConflictError);
    // Two rounds of submit → review.claim → review.decide. Events can share a millisecond, so the order is
    // checked on each action's own times (non-decreasing along the expected sequence), not on a sort by time.
    const events = await t.db.auditEvent.findMany({ where: { entityId: itemId, action: { in: ["submit", "review.claim", "review.decide"] } }, select: { action: true, at: true } });
    const timesOf = (action: string) => events.filter((e) => e.action === action).map((e) => e.at.getTime()).sort((a, b) => a - b);
    const [submits, claims, decisions] = [timesOf("submit"), timesOf("review.claim"), timesOf("review.decide")];
    expect([submits.length, claims.length, decisions.length]).toEqual([2, 2, 2]);
    const sequence = [submits[0], claims[0], decisions[0], submits[1], claims[1], decisions[1]];
    expect(sequence).toEqual([...sequence].sort((a, b) => a - b));
  });

  it("renews the review claim of its holder only, while they hold it", async () => {
    const { project, asset } = await createProjectWithAsset(t.db);
    const [annotator, reviewer, other] = await usersWithRoles(["ANNOTATOR", "REVIEWER", "REVIEWER"]);
    const { itemId, version } = await writtenItem(t.db, project.id, asset.id, annotator);
    await submitItem(t.db, { itemId, expectedVersion: version, actorId: annotator });
    await claimNextReview(t.db, { projectId: project.id, userId: reviewer });
    const later = new Date(Date.now() + 20 * 60_000);
    const renewed = await renewReview(t.db, { itemId, userId: reviewer, now: later });
    expect(renewed?.getTime()).toBe(later.getTime() + 30 * 60_000);
    expect((await t.db.item.findUniqueOrThrow({ where: { id: itemId } })).reviewLeaseExpiresAt?.getTime()).toBe(renewed!.getTime());
    expect(await renewReview(t.db, { itemId, userId: other })).toBeNull();
    await releaseReview(t.db, { itemId, userId: reviewer });
    expect(await renewReview(t.db, { itemId, userId: reviewer })).toBeNull();
    expect(await t.db.auditEvent.count({ where: { entityId: itemId, action: "review.renew" } })).toBe(1);
  });

  it("k = 2: waits for a second reviewer, never the same one twice; disagreement goes to adjudication", async () => {
    const { project, asset } = await createProjectWithAsset(t.db, { reviewsPerItem: 2, reviewPolicy: "all" });
    const [annotator, r1, r2, researcher] = await usersWithRoles(["ANNOTATOR", "REVIEWER", "REVIEWER", "RESEARCHER"]);
    const { itemId, version } = await writtenItem(t.db, project.id, asset.id, annotator);
    await submitItem(t.db, { itemId, expectedVersion: version, actorId: annotator });

    await claimNextReview(t.db, { projectId: project.id, userId: r1 });
    const a = await submitReview(t.db, { itemId, reviewerId: r1, scores: SCORES, decision: "APPROVE" });
    expect(a).toMatchObject({ status: "IN_REVIEW", outcome: { kind: "pending", missing: 1 } });
    expect(await claimNextReview(t.db, { projectId: project.id, userId: r1 })).toBeNull();
    expect((await claimNextReview(t.db, { projectId: project.id, userId: r2 }))?.itemId).toBe(itemId);
    const b = await submitReview(t.db, { itemId, reviewerId: r2, scores: { ...SCORES, tone: 1 }, decision: "REJECT", comment: "Rude tone." });
    expect(b).toMatchObject({ status: "IN_REVIEW", outcome: { kind: "adjudicate" } });
    expect(await t.db.item.findUniqueOrThrow({ where: { id: itemId } })).toMatchObject({ awaitingAdjudication: true, reviewerId: null });
    expect(await claimNextReview(t.db, { projectId: project.id, userId: researcher })).toBeNull();

    await expect(adjudicate(t.db, { itemId, actorId: r1, decision: "APPROVE" })).rejects.toBeInstanceOf(ForbiddenError);
    await expect(adjudicate(t.db, { itemId, actorId: researcher, decision: "REJECT" })).rejects.toThrow(/reason/);
    expect(await adjudicate(t.db, { itemId, actorId: researcher, decision: "APPROVE", reason: "Tone is fine." })).toEqual({ status: "APPROVED" });
    expect(await t.db.item.findUniqueOrThrow({ where: { id: itemId } })).toMatchObject({ status: "APPROVED", awaitingAdjudication: false });
    await expect(adjudicate(t.db, { itemId, actorId: researcher, decision: "APPROVE" })).rejects.toBeInstanceOf(ConflictError);
    expect(await t.db.adjudication.count({ where: { itemId, decision: "APPROVE", round: 1 } })).toBe(1);
  });
});
