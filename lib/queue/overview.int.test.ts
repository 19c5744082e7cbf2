import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../testing/db";
import { createItems, createProjectWithAsset, createUsers } from "../items/test-fixtures";
import { queueOverview } from "./overview";

describe(`work queue overview (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => t?.drop());

  it("counts what is claimable, returned to the user and held by them", async () => {
    const { project, asset } = await createProjectWithAsset(t.db);
    const [me, other] = await createUsers(t.db, 2);
    const now = new Date("2030-01-01T00:00:00Z");
    const later = new Date(now.getTime() + 60_000);
    const earlier = new Date(now.getTime() - 60_000);
    await createItems(t.db, project.id, asset.id, [
      {},
      {},
      { assigneeId: other.id, leaseExpiresAt: earlier },
      { assigneeId: other.id, leaseExpiresAt: later },
      { assigneeId: me.id, leaseExpiresAt: later },
      { assigneeId: me.id },
      { assigneeId: me.id, leaseExpiresAt: earlier }, // lapsed: claimable again, no longer held
      { status: "CHANGES_REQUESTED", assigneeId: me.id },
      { status: "CHANGES_REQUESTED", assigneeId: other.id },
      { status: "SUBMITTED" },
    ]);
    // The user's items in another project count there only.
    const elsewhere = await createProjectWithAsset(t.db);
    await createItems(t.db, elsewhere.project.id, elsewhere.asset.id, [{ assigneeId: me.id }, { status: "CHANGES_REQUESTED", assigneeId: me.id }]);
    expect(await queueOverview(t.db, project.id, me.id, now)).toEqual({ available: 4, returned: 1, held: 2 });
  });
});
