// The items table with a text query, against a direct scan: every match is filtered and counted (a
// word in more items than the ranked candidates included), pages walk the matches without gaps or
// duplicates in every order, and "best match" order puts the ranked candidates first.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../testing/db";
import { createItems, createProjectWithAsset, createUsers } from "./test-fixtures";
import { countItemsByStatus, findTextMatches, itemFilterWhere, listItems, type ItemRow } from "./list";
import { listItemTablePage } from "./pages";
import type { ListItemsOptions } from "./schemas";
import { MAX_RANKED, prepareTextMatch } from "./search";
import { UNRANKED } from "./search-list";
import { ITEM_STATUSES, type ItemStatus } from "./status";

const N = 2 * MAX_RANKED + 60;

describe(`items table search over every match (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  let projectId: string;
  let annotator: { id: string };
  /** What a direct scan of the project finds: item id → its own and its follow-ups' text. */
  const text = new Map<string, string>();
  let ids: string[] = [];

  beforeAll(async () => {
    t = await createTestDb();
    const { project, asset } = await createProjectWithAsset(t.db);
    projectId = project.id;
    [annotator] = await createUsers(t.db, 1, "search-list");
    const statuses: ItemStatus[] = ["DRAFT", "SUBMITTED", "APPROVED"];
    // Every other item mentions the ferret (more items than the ranked candidates); every seventh one
    // twice; the others are about a stoat.
    ids = await createItems(
      t.db,
      projectId,
      asset.id,
      Array.from({ length: N }, (_, i) => ({
        question: i % 2 === 0 ? `Is the ferret number ${i} asleep?${i % 7 === 0 ? " Count each ferret." : ""}` : `Is the stoat number ${i} asleep?`,
        status: statuses[i % 3],
        assigneeId: i % 5 === 0 ? annotator.id : null,
        lintWarnings: i % 4 === 0 ? 1 : 0,
        answerType: i % 6 === 0 ? "SHORT_ANSWER" : "NUMBER",
      })),
    );
    await t.db.itemTag.createMany({ data: ids.filter((_, i) => i % 3 === 1).map((itemId) => ({ itemId, tag: "burrow" })) });
    // Some stoat items mention a ferret in a follow-up only, one of them a quoll.
    const followUps = ids.filter((_, i) => i % 2 === 1 && i % 9 === 0);
    await t.db.followUp.createMany({ data: followUps.map((itemId) => ({ itemId, kind: "MISLEADING" as const, userMessage: "A ferret hides behind it", evidence: "", response: "" })) });
    await t.db.followUp.create({ data: { itemId: ids[N - 2], kind: "CORRECTIVE", userMessage: "Look again: a quoll, not a stoat", evidence: "", response: "" } });
    for (const item of await t.db.item.findMany({ where: { projectId }, select: { id: true, question: true, caption: true, followUps: { select: { userMessage: true } } } })) {
      text.set(item.id, [item.question, item.caption, ...item.followUps.map((f) => f.userMessage)].join(" "));
    }
    // Another project's ferrets never show up.
    const other = await createProjectWithAsset(t.db);
    await createItems(t.db, other.project.id, other.asset.id, [{ question: "Is the ferret awake?" }]);
  });
  afterAll(async () => t?.drop());

  /** The scan's answer: the project's items whose text has the word (and pass the other filters). */
  async function oracle(word: RegExp, filters: Omit<ListItemsOptions, "q"> = {}) {
    const passing = await t.db.item.findMany({ where: await itemFilterWhere(t.db, projectId, { ...filters }), select: { id: true, status: true } });
    return passing.filter((i) => word.test(text.get(i.id) ?? ""));
  }

  async function walk(options: ListItemsOptions, prepared?: Awaited<ReturnType<typeof findTextMatches>>): Promise<ItemRow[]> {
    const rows: ItemRow[] = [];
    let cursor: string | undefined;
    const matches = prepared ?? (await findTextMatches(t.db, projectId, options.q));
    for (let pages = 0; pages < 100; pages++) {
      const page = await listItems(t.db, projectId, { ...options, cursor, limit: 40 }, matches);
      rows.push(...page.items);
      if (!page.nextCursor) return rows;
      cursor = page.nextCursor;
    }
    throw new Error("no last page");
  }

  const FERRET = /\bferrets?\b/i;

  it("a word in more items than the ranked candidates, with a status filter, finds exactly the scan's items, in every order", async () => {
    const expected = (await oracle(FERRET, { status: "SUBMITTED" })).map((i) => i.id).sort();
    expect(expected.length).toBeGreaterThan(100);
    expect((await oracle(FERRET)).length).toBeGreaterThan(MAX_RANKED);
    for (const [sort, dir] of [["relevance", "desc"], ["relevance", "asc"], ["created", "desc"], ["created", "asc"], ["updated", "desc"]] as const) {
      const rows = await walk({ q: "ferret", status: "SUBMITTED", sort, dir });
      const got = rows.map((r) => r.id);
      expect(new Set(got).size, `${sort} ${dir}: no duplicates`).toBe(got.length);
      expect([...got].sort(), `${sort} ${dir}: no gaps`).toEqual(expected);
      expect(rows.every((r) => r.status === "SUBMITTED")).toBe(true);
      if (sort === "created") expect(got).toEqual([...got].sort((a, b) => (dir === "asc" ? (a < b ? -1 : 1) : a < b ? 1 : -1)));
    }
  });

  it("counts every match per status under the other filters, as the scan does", async () => {
    for (const filters of [{}, { status: "SUBMITTED" as const }, { tag: "burrow" }, { assigneeId: annotator.id }, { assigneeId: null }, { hasLintWarnings: true }, { answerType: "SHORT_ANSWER" as const }, { modelWrong: false }]) {
      const matched = await oracle(FERRET, { ...filters, status: undefined });
      const expected = Object.fromEntries(ITEM_STATUSES.map((s) => [s, matched.filter((i) => i.status === s).length]));
      expect(await countItemsByStatus(t.db, projectId, { q: "ferret", ...filters }), JSON.stringify(filters)).toEqual(expected);
      // As the items page asks: a page, then the counts found with it (the status filter only narrows the page).
      const matches = await findTextMatches(t.db, projectId, "ferret");
      await listItems(t.db, projectId, { q: "ferret", ...filters, status: "APPROVED", limit: 5 }, matches);
      expect(await countItemsByStatus(t.db, projectId, { q: "ferret", ...filters }, matches), `page first: ${JSON.stringify(filters)}`).toEqual(expected);
      // And the listing agrees with the scan under the same filters (the SQL filters say what Prisma's say).
      const listed = (await walk({ q: "ferret", ...filters, sort: "created" })).map((r) => r.id).sort();
      expect(listed, JSON.stringify(filters)).toEqual((await oracle(FERRET, filters)).map((i) => i.id).sort());
    }
  });

  it("orders by best match: ranked candidates by score first (own text double a follow-up's), then the rest newest first", async () => {
    const rows = await walk({ q: "ferret", sort: "relevance" });
    const scores = rows.map((r) => r.score!);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const ranked = rows.filter((r) => r.score! > UNRANKED);
    expect(ranked.length).toBeGreaterThan(0);
    expect(ranked.length).toBeLessThanOrEqual(2 * MAX_RANKED);
    const unranked = rows.filter((r) => r.score === UNRANKED).map((r) => r.id);
    expect(unranked.length).toBeGreaterThan(0);
    expect(unranked).toEqual([...unranked].sort().reverse());
    // The newest item saying "ferret" twice ranks above one saying it once, which ranks above a follow-up's mention.
    const newest = (re: RegExp) => [...ids].reverse().find((id) => re.test(text.get(id)!))!;
    const position = (id: string) => rows.findIndex((r) => r.id === id);
    const twice = newest(/ferret.*ferret/);
    const once = [...ids].reverse().find((id) => /^Is the ferret/.test(text.get(id)!) && !/Count each/.test(text.get(id)!))!;
    const followUpOnly = newest(/^Is the stoat.*ferret/);
    expect(position(twice)).toBeLessThan(position(once));
    expect(position(once)).toBeLessThan(position(followUpOnly));
  });

  it("the table's pages walk forward and back in best-match order and land on the same pages", async () => {
    const matches = await findTextMatches(t.db, projectId, "ferret");
    const options = { q: "ferret", sort: "relevance" as const, limit: 50 };
    const forward = [await listItemTablePage(t.db, projectId, options, matches)];
    for (let i = 0; i < 12 && forward[forward.length - 1].nextCursor; i++) forward.push(await listItemTablePage(t.db, projectId, { ...options, cursor: forward[forward.length - 1].nextCursor! }, matches));
    expect(forward.length).toBeGreaterThan(6);
    const all = forward.flatMap((p) => p.items.map((r) => r.id));
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe((await oracle(FERRET)).length);
    // Back from the last page, page by page.
    let page = forward[forward.length - 1];
    for (let i = forward.length - 2; i >= 0; i--) {
      page = await listItemTablePage(t.db, projectId, { ...options, before: page.prevCursor! }, matches);
      expect(page.items.map((r) => r.id)).toEqual(forward[i].items.map((r) => r.id));
    }
    expect(page.prevCursor).toBeNull();
  });

  it("finds a word said only in a follow-up, stemmed and as a prefix, under a filter", async () => {
    const quollItem = ids[N - 2];
    const status = (await t.db.item.findUniqueOrThrow({ where: { id: quollItem } })).status;
    for (const q of ["quoll", "quolls", "quol", "QUOLL stoat"]) {
      expect((await listItems(t.db, projectId, { q, status })).items.map((r) => r.id), q).toEqual([quollItem]);
    }
    expect((await listItems(t.db, projectId, { q: "quoll", status: status === "DRAFT" ? "APPROVED" : "DRAFT" })).items).toEqual([]);
    // Stemmed: "ferrets" finds what "ferret" finds.
    expect((await walk({ q: "ferrets", status: "APPROVED" })).map((r) => r.id).sort()).toEqual((await oracle(FERRET, { status: "APPROVED" })).map((i) => i.id).sort());
    // No word at all matches nothing.
    expect((await listItems(t.db, projectId, { q: "?!" })).items).toEqual([]);
    expect(Object.values(await countItemsByStatus(t.db, projectId, { q: "?!" })).every((n) => n === 0)).toBe(true);
  });

  it("a word in more items than the match cap: the newest matches of the project only, filtered and counted exactly, and said to be capped", async () => {
    const cap = 100;
    const capped = await prepareTextMatch(t.db, projectId, "ferret", cap);
    expect(capped.capped).toBe(true);
    // The project's newest `cap` items whose own text has the word, and the items of its newest `cap` follow-ups that do.
    const ferretItems = ids.filter((id) => /ferret/i.test(text.get(id) ?? "")).sort();
    const all = await walk({ q: "ferret", sort: "created", dir: "desc" }, capped);
    expect(all.length).toBeGreaterThanOrEqual(cap);
    expect(all.length).toBeLessThan(ferretItems.length);
    for (const row of all) expect(text.get(row.id)).toMatch(/ferret/i);
    expect(all.map((r) => r.id)).toContain(ferretItems.at(-1)); // the newest match is in
    const counts = await countItemsByStatus(t.db, projectId, { q: "ferret" }, capped);
    expect(Object.values(counts).reduce((a, b) => a + b, 0)).toBe(all.length);
    // With a status filter: exactly the capped matches of that status.
    const drafts = await walk({ q: "ferret", status: "DRAFT", sort: "created", dir: "desc" }, capped);
    expect(drafts.map((r) => r.id).sort()).toEqual(all.filter((r) => r.status === "DRAFT").map((r) => r.id).sort());
    // A rarer word under the same cap: every match, not capped; another project's matches never count.
    const rare = await prepareTextMatch(t.db, projectId, "quoll", cap);
    expect(rare.capped).toBe(false);
    expect((await walk({ q: "quoll" }, rare)).map((r) => r.id)).toEqual([ids[N - 2]]);
  });

  it("a relevance order without a search is the creation order", async () => {
    const plain = (await listItems(t.db, projectId, { limit: 5 })).items.map((r) => r.id);
    expect((await listItems(t.db, projectId, { limit: 5, sort: "relevance" })).items.map((r) => r.id)).toEqual(plain);
  });
});
