import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../testing/db";
import { createItems, createProjectWithAsset, createUsers } from "../items/test-fixtures";
import { claimNextItem } from "./claim";
import { LEASE_MS } from "./lease";
import { releaseClaim, renewLease } from "./release";

describe(`work queue (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => t?.drop());

  async function setup(n: number, users = 1) {
    const { project, asset } = await createProjectWithAsset(t.db);
    const ids = await createItems(t.db, project.id, asset.id, Array.from({ length: n }, () => ({})));
    return { project, asset, ids, users: await createUsers(t.db, users) };
  }

  it("20 users claiming at once get 20 distinct items, each audited once", async () => {
    const { project, ids, users } = await setup(25, 20);
    const claims = await Promise.all(users.map((u) => claimNextItem(t.db, { projectId: project.id, userId: u.id, leaseMs: LEASE_MS })));
    const itemIds = claims.map((c) => c?.itemId);
    expect(itemIds.every((id) => id && ids.includes(id))).toBe(true);
    expect(new Set(itemIds).size).toBe(20);

    const rows = await t.db.item.findMany({ where: { id: { in: itemIds as string[] } }, select: { id: true, assigneeId: true } });
    for (const [i, c] of claims.entries()) expect(rows.find((r) => r.id === c!.itemId)?.assigneeId).toBe(users[i].id);
    const audits = await t.db.auditEvent.count({ where: { entity: "Item", action: "claim", entityId: { in: ids } } });
    expect(audits).toBe(20);
  });

  it("hands out the oldest unclaimed item and returns the same held item on the next claim", async () => {
    const { project, ids, users } = await setup(3);
    const first = await claimNextItem(t.db, { projectId: project.id, userId: users[0].id });
    expect(first).toMatchObject({ itemId: ids[0], reason: "new", status: "DRAFT" });
    const again = await claimNextItem(t.db, { projectId: project.id, userId: users[0].id });
    expect(again).toMatchObject({ itemId: ids[0], reason: "resumed" });
  });

  it("sends CHANGES_REQUESTED items back to their annotator first", async () => {
    const { project, asset, users } = await setup(2, 2);
    const [mine, theirs] = await createItems(t.db, project.id, asset.id, [
      { status: "CHANGES_REQUESTED", assigneeId: users[0].id },
      { status: "CHANGES_REQUESTED", assigneeId: users[1].id },
    ]);
    const claim = await claimNextItem(t.db, { projectId: project.id, userId: users[0].id });
    expect(claim).toMatchObject({ itemId: mine, reason: "changes-requested", status: "CHANGES_REQUESTED" });
    const other = await claimNextItem(t.db, { projectId: project.id, userId: users[1].id });
    expect(other?.itemId).toBe(theirs);
  });

  it("never hands out an item someone else holds, but re-queues it when the lease expires", async () => {
    const { project, ids, users } = await setup(1, 2);
    const t0 = new Date("2030-01-01T00:00:00Z");
    const a = await claimNextItem(t.db, { projectId: project.id, userId: users[0].id, leaseMs: 60_000, now: t0 });
    expect(a?.itemId).toBe(ids[0]);
    expect(await claimNextItem(t.db, { projectId: project.id, userId: users[1].id, now: new Date(t0.getTime() + 59_000) })).toBeNull();

    const later = new Date(t0.getTime() + 61_000);
    const b = await claimNextItem(t.db, { projectId: project.id, userId: users[1].id, now: later });
    expect(b).toMatchObject({ itemId: ids[0], reason: "new" });
    expect(await renewLease(t.db, { itemId: ids[0], userId: users[0].id, now: later })).toBeNull();
  });

  it("renewLease extends the holder's lease", async () => {
    const { project, ids, users } = await setup(1);
    const t0 = new Date("2030-01-01T00:00:00Z");
    await claimNextItem(t.db, { projectId: project.id, userId: users[0].id, leaseMs: 60_000, now: t0 });
    const until = await renewLease(t.db, { itemId: ids[0], userId: users[0].id, leaseMs: 120_000, now: new Date(t0.getTime() + 30_000) });
    expect(until?.getTime()).toBe(t0.getTime() + 150_000);
    const row = await t.db.item.findUniqueOrThrow({ where: { id: ids[0] } });
    expect(row.leaseExpiresAt?.getTime()).toBe(t0.getTime() + 150_000);
  });

  it("leave puts the item back for anyone; skip does not hand it straight back but others get it", async () => {
    const { project, ids, users } = await setup(2, 2);
    const [u0, u1] = users;
    const first = await claimNextItem(t.db, { projectId: project.id, userId: u0.id });
    expect(first?.itemId).toBe(ids[0]);
    expect(await releaseClaim(t.db, { itemId: ids[0], userId: u0.id, mode: "leave" })).toBe(true);
    expect((await claimNextItem(t.db, { projectId: project.id, userId: u0.id }))?.itemId).toBe(ids[0]);

    expect(await releaseClaim(t.db, { itemId: ids[0], userId: u0.id, mode: "skip" })).toBe(true);
    const next = await claimNextItem(t.db, { projectId: project.id, userId: u0.id });
    expect(next?.itemId).toBe(ids[1]);
    const other = await claimNextItem(t.db, { projectId: project.id, userId: u1.id });
    expect(other?.itemId).toBe(ids[0]);
    expect(await releaseClaim(t.db, { itemId: ids[0], userId: u0.id })).toBe(false);
  });

  it("a skipped item comes back to its skipper only when nothing else is left", async () => {
    const { project, ids, users } = await setup(1);
    await claimNextItem(t.db, { projectId: project.id, userId: users[0].id });
    await releaseClaim(t.db, { itemId: ids[0], userId: users[0].id, mode: "skip" });
    expect((await claimNextItem(t.db, { projectId: project.id, userId: users[0].id }))?.itemId).toBe(ids[0]);
  });

  it("does not hand out items assigned to someone else, submitted items, or other projects' items", async () => {
    const { project, asset, users } = await setup(0, 2);
    await createItems(t.db, project.id, asset.id, [{ assigneeId: users[1].id }, { status: "SUBMITTED" }, { status: "CHANGES_REQUESTED", assigneeId: users[1].id }]);
    const elsewhere = await setup(1);
    expect(await claimNextItem(t.db, { projectId: project.id, userId: users[0].id })).toBeNull();
    expect((await claimNextItem(t.db, { projectId: elsewhere.project.id, userId: users[0].id }))?.itemId).toBe(elsewhere.ids[0]);
    // The admin-assigned item goes to its assignee.
    expect((await claimNextItem(t.db, { projectId: project.id, userId: users[1].id }))?.reason).toBe("changes-requested");
  });

  it("audits each claim with its reason, as recordAudit stores events (the event is written by the picking statement)", async () => {
    const { project, asset, ids, users } = await setup(1, 1);
    const [sent] = await createItems(t.db, project.id, asset.id, [{ status: "CHANGES_REQUESTED", assigneeId: users[0].id }]);
    const t0 = new Date("2030-01-01T00:00:00Z");
    const claims = [];
    for (let i = 0; i < 3; i++) claims.push(await claimNextItem(t.db, { projectId: project.id, userId: users[0].id, leaseMs: 60_000, now: t0 }));
    // The returned item stays first until it is resubmitted; then the new one, then it again (held).
    await t.db.item.update({ where: { id: sent }, data: { status: "SUBMITTED" } });
    claims.push(await claimNextItem(t.db, { projectId: project.id, userId: users[0].id, leaseMs: 60_000, now: t0 }));
    claims.push(await claimNextItem(t.db, { projectId: project.id, userId: users[0].id, leaseMs: 60_000, now: t0 }));
    expect(claims.map((c) => [c?.itemId, c?.reason, c?.status])).toEqual([
      [sent, "changes-requested", "CHANGES_REQUESTED"],
      [sent, "changes-requested", "CHANGES_REQUESTED"],
      [sent, "changes-requested", "CHANGES_REQUESTED"],
      [ids[0], "new", "DRAFT"],
      [ids[0], "resumed", "DRAFT"],
    ]);
    const events = await t.db.auditEvent.findMany({ where: { entityId: { in: [sent, ids[0]] }, action: "claim" }, orderBy: [{ at: "asc" }, { id: "asc" }] });
    expect(events.map((e) => [e.entityId, e.actorId, e.projectId, e.entity, e.before, e.after])).toEqual(
      claims.map((c) => [c!.itemId, users[0].id, project.id, "Item", null, { assigneeId: users[0].id, leaseExpiresAt: new Date(t0.getTime() + 60_000).toISOString(), reason: c!.reason }]),
    );
    expect(new Set(events.map((e) => e.id)).size).toBe(5);
    const row = await t.db.item.findUniqueOrThrow({ where: { id: ids[0] } });
    expect(row).toMatchObject({ assigneeId: users[0].id, leaseExpiresAt: new Date(t0.getTime() + 60_000), version: 1 });
  });

  it("a claim made while another transaction is open on the same client is not part of it: that one's rollback leaves the claim", async () => {
    const { project, ids, users } = await setup(2, 1);
    let claimed: ReturnType<typeof claimNextItem> | undefined;
    const other = t.db.$transaction(async (tx) => {
      await tx.item.update({ where: { id: ids[1] }, data: { caption: "changed, then rolled back" } });
      // On SQLite this transaction holds the client's one connection: the claim must wait for it, not join it.
      claimed = claimNextItem(t.db, { projectId: project.id, userId: users[0].id });
      await new Promise((resolve) => setTimeout(resolve, 50));
      throw new Error("rolled back");
    });
    await expect(other).rejects.toThrow("rolled back");
    expect(await claimed).toMatchObject({ itemId: ids[0], reason: "new" });
    expect(await t.db.item.findUniqueOrThrow({ where: { id: ids[0] } })).toMatchObject({ assigneeId: users[0].id });
    expect((await t.db.item.findUniqueOrThrow({ where: { id: ids[1] } })).caption).not.toBe("changed, then rolled back");
    expect(await t.db.auditEvent.count({ where: { entityId: ids[0], action: "claim" } })).toBe(1);
  });

  it("validates its input, naming the field", async () => {
    await expect(claimNextItem(t.db, { projectId: "p", userId: "u", leaseMs: 5 })).rejects.toThrow(/leaseMs/);
  });
});
