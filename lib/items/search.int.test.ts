import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../testing/db";
import { createItemFromAsset } from "./create";
import { createItems, createProjectWithAsset, createUsers } from "./test-fixtures";
import { countItemsByStatus, findTextMatches, listItems } from "./list";
import { MAX_RANKED, MAX_SEARCH_HITS, searchItems, searchTerms } from "./search";

describe(`full-text item search (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  let projectId: string;
  let assetId: string;
  let actor: { id: string };
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await createTestDb();
    const { project, asset } = await createProjectWithAsset(t.db);
    [projectId, assetId] = [project.id, asset.id];
    [actor] = await createUsers(t.db, 1);
    const create = (question: string, caption = "") => createItemFromAsset(t.db, actor, { projectId, assetId, question, answerType: "NUMBER", groundTruth: "2", caption }).then((r) => r.id);
    ids.zebraTwice = await create("How many zebras are drinking? Count every zebra.", "Zebras at a waterhole");
    ids.zebraOnce = await create("What colour is the truck?", "A zebra crossing in the rain");
    ids.plain = await create("How many chairs are in the kitchen?");
    ids.followUpOnly = await create("How many boats are moored?");
    await t.db.followUp.create({ data: { itemId: ids.followUpOnly, kind: "MISLEADING", userMessage: "I'm certain there is a zebra swimming", evidence: "", response: "" } });
    // Another project's item with the same words never shows up.
    const other = await createProjectWithAsset(t.db);
    await createItems(t.db, other.project.id, other.asset.id, [{ question: "How many zebras are drinking?" }]);
  });
  afterAll(async () => t?.drop());

  const found = async (q: string) => (await searchItems(t.db, projectId, q)).map((h) => h.itemId);

  it("finds items by question, caption and follow-up text, stemmed, prefix and case-insensitive", async () => {
    expect(new Set(await found("ZEBRA"))).toEqual(new Set([ids.zebraTwice, ids.zebraOnce, ids.followUpOnly]));
    expect(await found("waterhole")).toEqual([ids.zebraTwice]);
    expect(await found("swimming zebra")).toEqual([ids.followUpOnly]);
    expect(await found("kitch")).toEqual([ids.plain]);
    expect(await found("chairs kitchen")).toEqual([ids.plain]);
    expect(await found("chairs giraffe")).toEqual([]);
    expect(await found("  ?! ")).toEqual([]);
    expect(searchTerms(`a "b" OR c* -- NEAR(d)`)).toEqual(["a", "b", "or", "c", "near", "d"]);
  });

  it("ranks better matches first: the item's own text before a follow-up, more occurrences before fewer", async () => {
    const hits = await searchItems(t.db, projectId, "zebra");
    expect(hits.map((h) => h.itemId)).toEqual([ids.zebraTwice, ids.zebraOnce, ids.followUpOnly]);
    expect(hits[0].score).toBeGreaterThan(hits[1].score);
  });

  it("keeps the index in step with edits and deletes of items and follow-ups", async () => {
    await t.db.item.update({ where: { id: ids.plain }, data: { question: "How many stools are in the kitchen?", caption: "breakfast bar" } });
    expect(await found("chairs")).toEqual([]);
    expect(await found("stools breakfast")).toEqual([ids.plain]);

    const fu = await t.db.followUp.create({ data: { itemId: ids.plain, kind: "CORRECTIVE", userMessage: "Look again at the toaster", evidence: "", response: "" } });
    expect(await found("toaster")).toEqual([ids.plain]);
    await t.db.followUp.update({ where: { id: fu.id }, data: { userMessage: "Look again at the kettle", evidence: "a kettle on the hob" } });
    expect(await found("toaster")).toEqual([]);
    expect(await found("kettle hob")).toEqual([ids.plain]);
    // A follow-up moved to another item is found through that item.
    await t.db.followUp.update({ where: { id: fu.id }, data: { itemId: ids.followUpOnly } });
    expect(await found("kettle hob")).toEqual([ids.followUpOnly]);
    await t.db.followUp.delete({ where: { id: fu.id } });
    expect(await found("kettle")).toEqual([]);

    const gone = await createItemFromAsset(t.db, actor, { projectId, assetId, question: "Is the platypus asleep?", answerType: "NUMBER", groundTruth: "1" });
    await t.db.followUp.create({ data: { itemId: gone.id, kind: "MISLEADING", userMessage: "the echidna is awake", evidence: "", response: "" } });
    expect(await found("platypus")).toEqual([gone.id]);
    await t.db.item.delete({ where: { id: gone.id } });
    expect(await found("platypus")).toEqual([]);
    expect(await found("echidna")).toEqual([]);
  });

  it("the items table's search goes through the index and the other filters still apply", async () => {
    await t.db.item.update({ where: { id: ids.zebraOnce }, data: { status: "SUBMITTED" } });
    const rows = async (options: Parameters<typeof listItems>[2]) => (await listItems(t.db, projectId, options)).items.map((r) => r.id);
    expect(new Set(await rows({ q: "zebra" }))).toEqual(new Set([ids.zebraTwice, ids.zebraOnce, ids.followUpOnly]));
    expect(await rows({ q: "zebra", status: "SUBMITTED" })).toEqual([ids.zebraOnce]);
    expect(await rows({ q: "zebra", sort: "created", dir: "asc", limit: 2 })).toEqual([ids.zebraTwice, ids.zebraOnce]);
    const counts = await countItemsByStatus(t.db, projectId, { q: "zebra" });
    expect([counts.DRAFT, counts.SUBMITTED]).toEqual([2, 1]);
  });

  it("combines the search with every other filter of the table, one search serving the page and its counts", async () => {
    const [annotator] = await createUsers(t.db, 1, "searcher");
    // One after another: "created" order below is the order they are made in.
    const made: string[] = [];
    for (const what of ["tagged", "assigned", "warned", "yes no"]) {
      made.push((await createItemFromAsset(t.db, actor, { projectId, assetId, question: `Is the wombat ${what}?`, answerType: "NUMBER", groundTruth: "1" })).id);
    }
    const [tagged, assigned, warned, yesNo] = made;
    await t.db.itemTag.create({ data: { itemId: tagged, tag: "burrow" } });
    await t.db.item.update({ where: { id: assigned }, data: { assigneeId: annotator.id, status: "SUBMITTED" } });
    await t.db.item.update({ where: { id: warned }, data: { lintWarnings: 2 } });
    await t.db.item.update({ where: { id: yesNo }, data: { answerType: "YES_NO", options: [], groundTruth: "yes" } });
    const matches = await findTextMatches(t.db, projectId, "wombat");
    expect((await listItems(t.db, projectId, { q: "wombat" }, matches)).items).toHaveLength(4);
    const rows = async (options: Parameters<typeof listItems>[2]) => (await listItems(t.db, projectId, { q: "wombat", ...options }, matches)).items.map((r) => r.id);
    expect(await rows({ tag: "burrow" })).toEqual([tagged]);
    expect(await rows({ assigneeId: annotator.id })).toEqual([assigned]);
    expect(await rows({ hasLintWarnings: true })).toEqual([warned]);
    expect(await rows({ answerType: "YES_NO" })).toEqual([yesNo]);
    expect(await rows({ status: "SUBMITTED" })).toEqual([assigned]);
    expect(await rows({ assigneeId: null, sort: "created", dir: "asc" })).toEqual([tagged, warned, yesNo]);
    const counts = await countItemsByStatus(t.db, projectId, { q: "wombat", status: "SUBMITTED" }, matches);
    expect([counts.DRAFT, counts.SUBMITTED]).toEqual([3, 1]);
    // Matches found for another query are not taken for this one.
    expect(new Set((await listItems(t.db, projectId, { q: "zebra" }, matches)).items.map((r) => r.id))).toEqual(new Set([ids.zebraTwice, ids.zebraOnce, ids.followUpOnly]));
    // Another project's search never reaches this project's items, even through shared matches.
    const other = await createProjectWithAsset(t.db);
    expect((await listItems(t.db, other.project.id, { q: "wombat" }, await findTextMatches(t.db, other.project.id, "wombat"))).items).toEqual([]);
  });

  it("ranks a very common word within its newest matches, and on SQLite matches it as a whole word only", async () => {
    const other = await createProjectWithAsset(t.db);
    const common = await createItems(t.db, other.project.id, other.asset.id, Array.from({ length: MAX_RANKED + 20 }, (_, i) => ({ question: `Is the ferret number ${i} asleep?` })));
    const [longer] = await createItems(t.db, other.project.id, other.asset.id, [{ question: "Is the ferretlike animal asleep?" }]);
    const hits = (await searchItems(t.db, other.project.id, "ferret")).map((h) => h.itemId);
    expect(hits).toHaveLength(Math.min(MAX_RANKED, MAX_SEARCH_HITS));
    if (process.env.SRT_TEST_DB === "postgresql") return;
    // SQLite walks the matches newest first: the newest are ranked, the oldest left out.
    expect(hits).toContain(common[common.length - 1]);
    expect(hits).not.toContain(common[0]);
    expect(hits).not.toContain(longer);
    // A rarer word is still a prefix too.
    expect((await searchItems(t.db, other.project.id, "ferretl")).map((h) => h.itemId)).toEqual([longer]);
  });
});
