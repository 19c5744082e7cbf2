import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { createTestDb, type TestDb } from "../testing/db";
import { listItemsForApi, type ApiItem } from "./api-page";
import { createItems, createProjectWithAsset } from "./test-fixtures";

describe(`items for the REST API (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  let projectId: string;
  let ids: string[];

  beforeAll(async () => {
    t = await createTestDb();
    const { project, asset } = await createProjectWithAsset(t.db);
    projectId = project.id;
    ids = await createItems(
      t.db, projectId, asset.id,
      Array.from({ length: 7 }, (_, i) => ({
        status: i % 2 === 0 ? ("APPROVED" as const) : ("DRAFT" as const),
        answerType: i === 0 ? ("MULTIPLE_CHOICE" as const) : ("NUMBER" as const),
        options: i === 0 ? ["red", "blue"] : [],
        groundTruth: i === 0 ? "A" : "3",
      })),
    );
    await t.db.itemTag.create({ data: { itemId: ids[2], tag: "kitchen" } });
    // Follow-ups created out of order: the API lists misleading first, then by position.
    await t.db.followUp.createMany({
      data: [
        { itemId: ids[0], kind: "CORRECTIVE", position: 0, userMessage: "It is red.", claimedAnswer: "A", verdict: "CORRECTIVE", finalAnswer: "A" },
        { itemId: ids[0], kind: "MISLEADING", position: 1, userMessage: "second misleading" },
        { itemId: ids[0], kind: "MISLEADING", position: 0, userMessage: "It is blue.", claimedAnswer: "B", evidence: "The shape is red." },
      ],
    });
    const other = await createProjectWithAsset(t.db);
    await createItems(t.db, other.project.id, other.asset.id, [{}, {}]);
  });
  afterAll(async () => t?.drop());

  it("pages through every item once, oldest first, with content, image and follow-ups", async () => {
    const seen: ApiItem[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 10; i++) {
      const page = await listItemsForApi(t.db, projectId, { limit: "3", ...(cursor ? { cursor } : {}) });
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items);
      if (!page.nextCursor) break;
      cursor = page.nextCursor;
    }
    expect(seen.map((i) => i.id)).toEqual(ids);
    const first = seen[0];
    expect(first).toMatchObject({ answerType: "MULTIPLE_CHOICE", options: ["red", "blue"], groundTruth: "A", status: "APPROVED", tags: [] });
    expect(first.image).toMatchObject({ mime: "image/jpeg", width: 640, height: 480 });
    expect(first.image.url).toBe(`/api/images/${projectId}/${first.image.sha256}/original`);
    expect(first.followUps.map((f) => [f.kind, f.position, f.userMessage])).toEqual([
      ["MISLEADING", 0, "It is blue."],
      ["MISLEADING", 1, "second misleading"],
      ["CORRECTIVE", 0, "It is red."],
    ]);
    expect(first.followUps[2]).toMatchObject({ verdict: "CORRECTIVE", finalAnswer: "A" });
    expect(seen[1].followUps).toEqual([]);
  });

  it("filters by status and tag, newest first on request", async () => {
    const approved = await listItemsForApi(t.db, projectId, { status: "APPROVED", order: "desc" });
    expect(approved.items.map((i) => i.id)).toEqual([ids[6], ids[4], ids[2], ids[0]]);
    const tagged = await listItemsForApi(t.db, projectId, { tag: "Kitchen" });
    expect(tagged.items.map((i) => i.id)).toEqual([ids[2]]);
  });

  it("searches every item's text, best match first on request", async () => {
    await t.db.item.update({ where: { id: ids[3] }, data: { question: "How many otters? Count every otter." } });
    await t.db.item.update({ where: { id: ids[5] }, data: { caption: "an otter" } });
    await t.db.followUp.create({ data: { itemId: ids[1], kind: "MISLEADING", userMessage: "The otter is hiding" } });
    expect((await listItemsForApi(t.db, projectId, { q: "otter" })).items.map((i) => i.id)).toEqual([ids[1], ids[3], ids[5]]);
    const best = await listItemsForApi(t.db, projectId, { q: "otter", sort: "relevance", limit: "2" });
    expect(best.items.map((i) => i.id)).toEqual([ids[3], ids[5]]);
    expect((await listItemsForApi(t.db, projectId, { q: "otter", sort: "relevance", cursor: best.nextCursor! })).items.map((i) => i.id)).toEqual([ids[1]]);
  });

  it("names the bad parameter", async () => {
    const cases: [Record<string, string>, string][] = [
      [{ status: "DONE" }, "status"],
      [{ limit: "0" }, "limit"],
      [{ limit: "abc" }, "limit"],
      [{ cursor: "not-a-cursor" }, "cursor"],
      [{ colour: "red" }, ""],
      [{ sort: "relevance" }, "sort"],
    ];
    for (const [query, field] of cases) {
      const error = await listItemsForApi(t.db, projectId, query).catch((e) => e);
      expect(error, JSON.stringify(query)).toBeInstanceOf(ZodError);
      expect((error as ZodError).issues[0].path.join("."), JSON.stringify(query)).toBe(field);
    }
  });
});
