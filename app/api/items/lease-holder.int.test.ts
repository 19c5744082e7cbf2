// Only the lease holder saves: another annotator of the project cannot overwrite or submit an item
// someone holds (409 naming the holder); admins may; fields a role may not change are refused (403).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/roles";
import { createTokenUsers } from "@/lib/auth/test-fixtures";
import { createItems, createProjectWithAsset } from "@/lib/items/test-fixtures";
import { holdItem } from "@/lib/queue/hold";
import { createAppTestDb, type TestDb } from "@/lib/testing/db";
import { submitItemAction } from "@/app/_actions/annotate";
import { PUT as save } from "./[itemId]/route";

type Who = "holder" | "second" | "admin";

describe(`only the lease holder saves (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  let users: Record<Who, SessionUser>;
  let tokens: Record<Who, string>;
  let projectId: string;
  let assetId: string;

  beforeAll(async () => {
    t = await createAppTestDb();
    ({ project: { id: projectId }, asset: { id: assetId } } = await createProjectWithAsset(t.db));
    ({ users, tokens } = await createTokenUsers(t.db, { holder: "ANNOTATOR", second: "ANNOTATOR", admin: "ADMIN" }, {
      domain: "lease.test", name: (who) => `${who} person`, projectOf: () => projectId,
    }));
  });
  afterAll(async () => {
    await t?.drop();
  });

  const ctx = (itemId: string) => ({ params: Promise.resolve({ itemId }) });
  const put = (who: Who, itemId: string, body: object) =>
    save(new Request(`http://test.local/api/items/${itemId}`, { method: "PUT", headers: { authorization: `Bearer ${tokens[who]}`, "content-type": "application/json" }, body: JSON.stringify(body) }), ctx(itemId));
  const draft = (version: number, patch: object = {}) => ({ expectedVersion: version, question: "How many cats?", answerType: "NUMBER", options: [], groundTruth: "3", caption: "", tags: [], followUps: [], isGold: false, ...patch });

  it("a save or submit of an item someone else holds is 409 naming them; nothing is written", async () => {
    const [id] = await createItems(t.db, projectId, assetId, [{}]);
    expect((await holdItem(t.db, { itemId: id, userId: users.holder.id }))?.held).toBe(true);

    const response = await put("second", id, draft(1, { caption: "overwritten" }));
    expect(response.status).toBe(409);
    const body = (await response.json()) as { error: string };
    expect(body.error).toContain("holder person");
    const submit = await submitItemAction.run(users.second, { itemId: id, expectedVersion: 1 });
    expect(submit).toMatchObject({ ok: false, status: 409 });
    expect((submit as { error: string }).error).toContain("holder person");
    const item = await t.db.item.findUniqueOrThrow({ where: { id } });
    expect(item).toMatchObject({ status: "DRAFT", version: 1 });
    expect(item.caption).not.toBe("overwritten");

    // The holder saves; an admin may too; once the lease ran out anyone of the project may.
    expect((await put("holder", id, draft(1, { caption: "mine" }))).status).toBe(200);
    expect((await put("admin", id, draft(2, { caption: "admin fix" }))).status).toBe(200);
    await t.db.item.update({ where: { id }, data: { leaseExpiresAt: new Date(Date.now() - 1000) } });
    expect((await put("second", id, draft(3, { caption: "after the lease" }))).status).toBe(200);
  });

  it("an annotator cannot mark an item gold through autosave (403); an unchanged flag passes", async () => {
    const [id] = await createItems(t.db, projectId, assetId, [{}]);
    const refused = await put("holder", id, draft(1, { isGold: true }));
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: string }).error).toMatch(/^isGold:/);
    expect((await t.db.item.findUniqueOrThrow({ where: { id } })).isGold).toBe(false);
    expect((await put("holder", id, draft(1, { isGold: false, caption: "ok" }))).status).toBe(200);
    expect((await put("admin", id, draft(2, { isGold: true }))).status).toBe(200);
  });
});
