// Many claimers at once, each with its own PostgreSQL connection pool, so the row locks and SKIP LOCKED
// really race. No item may ever be handed to two claimers. (On SQLite one writer runs at a time, and
// several better-sqlite3 connections in one thread would block each other's busy waits: the claim
// bench's "workers" scenario covers separate SQLite connections, one per thread.)
import { describe, expect, it } from "vitest";
import { suiteTestDb, testProvider } from "../testing/db";
import { createItems, createProjectWithAsset, createUsers } from "../items/test-fixtures";
import { claimNextItem } from "./claim";

describe.runIf(testProvider() === "postgresql")("concurrent claimers on separate connections (postgresql)", () => {
  const t = suiteTestDb();

  it("20 claimers, each claiming and finishing items back to back, never get the same item", async () => {
    const { project, asset } = await createProjectWithAsset(t.db);
    const ids = await createItems(t.db, project.id, asset.id, Array.from({ length: 150 }, () => ({})));
    const users = await createUsers(t.db, 20);
    const clients = users.map(() => t.client());

    const perClaimer = await Promise.all(
      users.map(async (user, i) => {
        const db = clients[i];
        const got: string[] = [];
        for (let n = 0; n < 10; n++) {
          const claim = await claimNextItem(db, { projectId: project.id, userId: user.id });
          if (!claim) break;
          expect(claim.reason).toBe("new");
          got.push(claim.itemId);
          await db.item.updateMany({ where: { id: claim.itemId, assigneeId: user.id }, data: { status: "SUBMITTED", leaseExpiresAt: null } });
        }
        return got;
      }),
    );
    const all = perClaimer.flat();
    expect(all).toHaveLength(150);
    expect(new Set(all).size).toBe(150);
    expect(new Set(all)).toEqual(new Set(ids));
    // One claim audit per handed-out item, by the claimer who got it.
    const audits = await t.db.auditEvent.findMany({ where: { entity: "Item", action: "claim", entityId: { in: ids } }, select: { entityId: true, actorId: true } });
    expect(audits).toHaveLength(150);
    const owner = new Map(perClaimer.flatMap((got, i) => got.map((id) => [id, users[i].id] as const)));
    for (const a of audits) expect(a.actorId).toBe(owner.get(a.entityId));
  });
});
