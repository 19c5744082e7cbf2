import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createItems, createProjectWithAsset, createUsers } from "../items/test-fixtures";
import { createTestDb, type TestDb } from "../testing/db";
import { auditFacets, listAuditEvents } from "./list";
import { recordAudit, recordAuditMany } from "./record";

describe(`audit log (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => t?.drop());

  it("fills the project of an event from its entity, and pages project events newest first by keyset", async () => {
    const { project, asset } = await createProjectWithAsset(t.db);
    const other = await createProjectWithAsset(t.db);
    const [alice, bob] = await createUsers(t.db, 2);
    const items = await createItems(t.db, project.id, asset.id, [{}, {}, {}]);
    const base = Date.UTC(2030, 0, 1);
    // 25 events on this project's items (same timestamp for pairs, to exercise the id tie-break), 3 elsewhere.
    for (let i = 0; i < 25; i++) {
      const at = new Date(base + Math.floor(i / 2) * 60_000);
      await t.db.$transaction(async (tx) => {
        await recordAudit(tx, { actorId: i % 2 ? bob.id : alice.id, entity: "Item", entityId: items[i % 3], action: i % 5 === 0 ? "submit" : "save" });
        const last = await tx.auditEvent.findFirstOrThrow({ orderBy: { id: "desc" } });
        await tx.auditEvent.update({ where: { id: last.id }, data: { at } });
      });
    }
    await recordAuditMany(t.db, [
      { actorId: alice.id, entity: "Asset", entityId: other.asset.id, action: "upload" },
      { actorId: alice.id, entity: "Project", entityId: other.project.id, action: "update" },
      { actorId: alice.id, entity: "User", entityId: alice.id, action: "update" },
    ]);
    expect(await t.db.auditEvent.count({ where: { projectId: other.project.id } })).toBe(2);
    expect(await t.db.auditEvent.count({ where: { entity: "User", entityId: alice.id, projectId: null } })).toBe(1);

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listAuditEvents(t.db, project.id, { limit: 10, cursor });
      seen.push(...page.events.map((e) => e.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(25);
    const all = await t.db.auditEvent.findMany({ where: { projectId: project.id }, orderBy: [{ at: "desc" }, { id: "desc" }], select: { id: true } });
    expect(seen).toEqual(all.map((e) => e.id));

    const bobs = await listAuditEvents(t.db, project.id, { actor: bob.id, action: "save", limit: 100 });
    expect(bobs.events.every((e) => e.actor?.id === bob.id && e.action === "save")).toBe(true);
    expect(bobs.events).toHaveLength(12 - 2); // 12 odd i, of which i = 5 and 15 are submits
    const oneItem = await listAuditEvents(t.db, project.id, { entity: "Item", entityId: items[0], limit: 100 });
    expect(oneItem.events).toHaveLength(9);
    const facets = await auditFacets(t.db, project.id);
    expect(facets).toEqual({ entities: ["Item"], actions: ["save", "submit"] });
  });

  it("refuses a forged cursor and a bad day, naming the field", async () => {
    await expect(listAuditEvents(t.db, null, { cursor: "nonsense" })).rejects.toThrow(/cursor/);
    await expect(listAuditEvents(t.db, null, { from: "2030-13-45" })).rejects.toThrow(/calendar day|YYYY/);
  });
});
