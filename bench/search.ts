// Benchmark of the items table's text search:
//   npx tsx --import ./bin/server-runtime.mjs bench/search.ts [--items 100000] [--queries 200] [--postgres] [--db file]
//   --db: keep the seeded SQLite database in this file (with --postgres: the database of that name), and
//         reuse it when it exists (seeding 100k takes a while)
//   --postgres: on a fresh database of the server at POSTGRES_URL (scripts/with-postgres.sh npx tsx … --postgres)
//
// Seeds one project with N items whose question and caption are drawn from a vocabulary with a Zipf-like
// word frequency (a few words in most items, many in a handful), and a follow-up for every other item.
// Then runs Q queries, half common words, half rare ones (one or two words each), three ways:
//   before   the old filter: a substring scan of the question (LIKE / ILIKE), first table page of 50
//   search   lib/items/search.ts: the full-text index, ranked, best 500 matches
//   table    the items table's first page of 50 with the query and its counts, every match filtered and
//            counted in SQL (lib/items/search-list.ts), without and with a status filter, best match or
//            creation order; "common" repeats it for the common-word queries alone, next to the old way
//            (the 500 best hits, then the filters and counts within them: fewer items, not exact)
//   no text  the items table's first page and counts without a query (the counts read every item's status)
// and prints p50/p95 latency and the average number of hits.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { createDb, type Db } from "../lib/db/client";
import type { DatabaseConfig } from "../lib/db/config";
import { applyMigrations } from "../lib/db/migrate";
import { containsIgnoringCase, providerOf } from "../lib/db/provider";
import { countItemsByStatus, findTextMatches, listItems } from "../lib/items/list";
import { searchItems } from "../lib/items/search";
import { seededRandom } from "../lib/random/seeded";

const SUBJECTS = "cat dog horse zebra bicycle car truck bus train boat plane chair table sofa lamp window door tree flower bird person child woman man cup bottle plate knife fork spoon apple banana orange pizza cake clock vase book phone laptop keyboard mouse television umbrella bag suitcase kite skateboard surfboard racket ball glove helmet bench bridge tower building mountain river lake beach road sign light fence wall roof cloud sky".split(" ");
const ADJECTIVES = "red blue green yellow black white brown grey small large wooden metal plastic old new broken empty full striped spotted shiny dusty wet".split(" ");
const PLACES = "kitchen street park garden office beach field market station harbour forest desert bedroom classroom stadium farm airport restaurant museum library".split(" ");
const TEMPLATES = [
  (a: string, s: string, p: string) => `How many ${a} ${s}s are in the ${p}?`,
  (a: string, s: string, p: string) => `What colour is the ${s} next to the ${p} entrance?`,
  (a: string, s: string, p: string) => `Is there a ${a} ${s} in this picture of the ${p}?`,
  (a: string, s: string, _p: string) => `Which object is closest to the ${a} ${s}?`,
];

function makeWords(n: number) {
  const random = seededRandom(n);
  // Zipf-like: index ~ floor(len^u) favours the first words of each list.
  const zipf = <T>(list: T[]) => list[Math.min(list.length - 1, Math.floor(Math.pow(list.length, random())) - 1)];
  // Rare words: a few hundred made-up species names, each in a handful of items.
  const rare = Array.from({ length: 500 }, (_, i) => `quokka${i.toString(36)}`);
  return {
    rare,
    item(i: number) {
      const [a, s, p] = [zipf(ADJECTIVES), zipf(SUBJECTS), zipf(PLACES)];
      const question = TEMPLATES[i % TEMPLATES.length](a, s, p);
      const caption = `A ${zipf(ADJECTIVES)} ${zipf(SUBJECTS)} near a ${zipf(SUBJECTS)}${i % 200 === 0 ? ` and a ${rare[(i / 200) % rare.length]}` : ""}`;
      const followUp = i % 2 === 0 ? `I am sure the ${zipf(SUBJECTS)} is ${zipf(ADJECTIVES)}, look at the ${zipf(PLACES)}` : null;
      return { question, caption, followUp };
    },
  };
}

const stamp = (d: Date) => d.toISOString().replace("Z", "+00:00");
const id = (n: number, base: number) => `c${(base + n).toString(36).padStart(8, "0")}${n.toString(36).padStart(6, "0")}bsrch`;

async function seedSqlite(file: string, items: number) {
  await applyMigrations({ provider: "sqlite", file });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  const words = makeWords(items);
  const base = Date.now() - items;
  const now = stamp(new Date());
  const projectId = id(0, base - 3);
  const assetId = id(0, base - 2);
  sqlite.transaction(() => {
    sqlite.prepare(`INSERT INTO "Project" (id, name, slug, settings, createdAt, updatedAt) VALUES (?, 'bench', 'bench', '{}', ?, ?)`).run(projectId, now, now);
    sqlite
      .prepare(`INSERT INTO "Asset" (id, projectId, sha256, phash, width, height, mime, bytes, storageKey, displayKey, thumbnailKey, originalFilename, createdAt) VALUES (?, ?, ?, ?, 1, 1, 'image/png', 1, 'o', 'd', 't', 'x.png', ?)`)
      .run(assetId, projectId, "0".repeat(64), "0".repeat(16), now);
    const item = sqlite.prepare(
      `INSERT INTO "Item" (id, projectId, assetId, question, answerType, options, groundTruth, caption, status, version, isGold, lintWarnings, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, 'NUMBER', '[]', '1', ?, ?, 1, 0, 0, ?, ?)`,
    );
    const followUp = sqlite.prepare(`INSERT INTO "FollowUp" (id, itemId, kind, userMessage, createdAt, updatedAt) VALUES (?, ?, 'MISLEADING', ?, ?, ?)`);
    for (let n = 0; n < items; n++) {
      const w = words.item(n);
      const at = stamp(new Date(base + n));
      item.run(id(n, base), projectId, assetId, w.question, w.caption, n % 3 === 0 ? "SUBMITTED" : "DRAFT", at, at);
      if (w.followUp) followUp.run(`f${id(n, base)}`, id(n, base), w.followUp, at, at);
    }
  })();
  sqlite.close();
  return { projectId, rare: words.rare };
}

async function seedPostgres(serverUrl: string, items: number, keep?: string) {
  const pg = (await import("pg")).default;
  const name = keep ?? `srt_bench_search_${process.pid}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  const exists = (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).rowCount === 1;
  if (!exists) await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  if (exists) {
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    const { id: projectId } = (await client.query(`SELECT id FROM "Project" WHERE slug = 'bench'`)).rows[0] as { id: string };
    await client.end();
    return { projectId, rare: makeWords(items).rare, url: url.toString(), reused: true };
  }
  await applyMigrations({ provider: "postgresql", url: url.toString() });
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  const words = makeWords(items);
  const base = Date.now() - items;
  const projectId = id(0, base - 3);
  const assetId = id(0, base - 2);
  try {
    await client.query(`INSERT INTO "Project" (id, name, slug, settings, "createdAt", "updatedAt") VALUES ($1, 'bench', 'bench', '{}', now(), now())`, [projectId]);
    await client.query(
      `INSERT INTO "Asset" (id, "projectId", sha256, phash, width, height, mime, bytes, "storageKey", "displayKey", "thumbnailKey", "originalFilename", "createdAt")
       VALUES ($1, $2, $3, $4, 1, 1, 'image/png', 1, 'o', 'd', 't', 'x.png', now())`,
      [assetId, projectId, "0".repeat(64), "0".repeat(16)],
    );
    const rows = Array.from({ length: items }, (_, n) => ({ id: id(n, base), status: n % 3 === 0 ? "SUBMITTED" : "DRAFT", ...words.item(n) }));
    await client.query(
      `INSERT INTO "Item" (id, "projectId", "assetId", question, "answerType", options, "groundTruth", caption, status, version, "isGold", "lintWarnings", "createdAt", "updatedAt")
       SELECT r.id, $4, $5, r.question, 'NUMBER', '[]', '1', r.caption, r.status::"ItemStatus", 1, false, 0, now(), now()
       FROM unnest($1::text[], $2::text[], $3::text[], $6::text[]) AS r(id, question, caption, status)`,
      [rows.map((r) => r.id), rows.map((r) => r.question), rows.map((r) => r.caption), projectId, assetId, rows.map((r) => r.status)],
    );
    const fus = rows.filter((r) => r.followUp);
    await client.query(
      `INSERT INTO "FollowUp" (id, "itemId", kind, "userMessage", "createdAt", "updatedAt")
       SELECT 'f' || r.id, r.id, 'MISLEADING', r.msg, now(), now() FROM unnest($1::text[], $2::text[]) AS r(id, msg)`,
      [fus.map((r) => r.id), fus.map((r) => r.followUp)],
    );
    await client.query("ANALYZE");
  } finally {
    await client.end();
  }
  return { projectId, rare: words.rare, url: url.toString(), reused: false };
}

/** The project of a database seeded by an earlier run (--db). */
async function seededProject(file: string, items: number) {
  const sqlite = new Database(file, { readonly: true });
  const { id: projectId } = sqlite.prepare(`SELECT id FROM "Project" WHERE slug = 'bench'`).get() as { id: string };
  sqlite.close();
  return { projectId, rare: makeWords(items).rare };
}

function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function time(name: string, queries: string[], run: (q: string) => Promise<number>) {
  const latencies: number[] = [];
  let hits = 0;
  // This process's CPU time beside the wall time: on a loaded machine the wall time mostly measures the
  // wait for a core. (SQLite runs in this process; PostgreSQL's server time is not counted.)
  const cpu = process.cpuUsage();
  for (const q of queries) {
    const t = performance.now();
    hits += await run(q);
    latencies.push(performance.now() - t);
  }
  const { user, system } = process.cpuUsage(cpu);
  latencies.sort((a, b) => a - b);
  const ms = (p: number) => percentile(latencies, p).toFixed(1).padStart(6);
  console.log(
    `${name.padEnd(30)} p50 ${ms(50)} ms  p95 ${ms(95)} ms  max ${ms(100)} ms  cpu ${((user + system) / 1000 / queries.length).toFixed(1).padStart(5)} ms/query | ${(hits / queries.length).toFixed(0)} hits per query on average`,
  );
}

async function main() {
  const { values } = parseArgs({ options: { db: { type: "string" }, items: { type: "string", default: "100000" }, queries: { type: "string", default: "200" }, postgres: { type: "boolean", default: false } } });
  const [items, queryCount] = [Number(values.items), Number(values.queries)];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "srt-bench-search-"));
  try {
    const t = performance.now();
    let reused = false;
    let config: DatabaseConfig;
    let seed: { projectId: string; rare: string[] };
    if (values.postgres) {
      if (!process.env.POSTGRES_URL) throw new Error("--postgres needs POSTGRES_URL (run through scripts/with-postgres.sh)");
      const s = await seedPostgres(process.env.POSTGRES_URL, items, values.db);
      reused = s.reused;
      config = { provider: "postgresql", url: s.url };
      seed = s;
    } else {
      const file = values.db ?? path.join(dir, "bench.db");
      reused = !!values.db && fs.existsSync(file);
      seed = reused ? await seededProject(file, items) : await seedSqlite(file, items);
      config = { provider: "sqlite", file };
    }
    const seeded = reused ? "reused the database seeded with" : "seeded";
    console.log(`${config.provider}: ${seeded} ${items} items (+${items / 2} follow-ups) in ${((performance.now() - t) / 1000).toFixed(1)} s; ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}`);
    const db: Db = createDb(config);
    const random = seededRandom(42);
    const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)];
    const common = [...SUBJECTS.slice(0, 10), ...ADJECTIVES.slice(0, 5), ...PLACES.slice(0, 5)];
    const queries = Array.from({ length: queryCount }, (_, i) =>
      i % 2 === 0 ? (i % 4 === 0 ? pick(common) : `${pick(common)} ${pick(common)}`) : i % 4 === 1 ? pick(seed.rare) : `${pick(seed.rare)} ${pick(SUBJECTS)}`,
    );
    const { projectId } = seed;
    await db.item.count({ where: { projectId } });
    const provider = providerOf(db);
    await time("before: question substring", queries, async (q) =>
      (await db.item.findMany({ where: { projectId, question: containsIgnoringCase(provider, q) }, select: { id: true }, orderBy: { id: "desc" }, take: 50 })).length,
    );
    await time("search: ranked, best 500", queries, async (q) => (await searchItems(db, projectId, q)).length);
    // The items page with a search, as it does it: one prepared query for the page and its counts.
    const tablePage = async (q: string, filters: { status?: "SUBMITTED" }, sort?: "relevance" | "created") => {
      const matches = await findTextMatches(db, projectId, q);
      const [page] = await Promise.all([listItems(db, projectId, { q, ...filters, sort, limit: 50 }, matches), countItemsByStatus(db, projectId, { q, ...filters }, matches)]);
      return page.items.length;
    };
    // Before (main until this change): the 500 best hits, then the filters and counts within them.
    const within500 = async (q: string, filters: { status?: "SUBMITTED" }) => {
      const ids = (await searchItems(db, projectId, q)).map((h) => h.itemId);
      const where = { id: { in: ids }, ...filters };
      const [page] = await Promise.all([
        db.item.findMany({ where, select: { id: true, question: true, status: true }, orderBy: { id: "desc" }, take: 51 }),
        db.item.groupBy({ by: ["status"], where: { id: { in: ids } }, _count: { _all: true } }),
      ]);
      return Math.min(page.length, 50);
    };
    const commonQueries = queries.filter((_, i) => i % 2 === 0);
    await time("table: q, best match", queries, (q) => tablePage(q, {}));
    await time("table: q + status, best match", queries, (q) => tablePage(q, { status: "SUBMITTED" }));
    await time("table: q + status, created", queries, (q) => tablePage(q, { status: "SUBMITTED" }, "created"));
    await time("common: old (within 500)", commonQueries, (q) => within500(q, { status: "SUBMITTED" }));
    await time("common: q + status, best", commonQueries, (q) => tablePage(q, { status: "SUBMITTED" }));
    await time("common: q + status, created", commonQueries, (q) => tablePage(q, { status: "SUBMITTED" }, "created"));
    const rareQueries = queries.filter((_, i) => i % 2 === 1);
    await time("rare: old (within 500)", rareQueries, (q) => within500(q, { status: "SUBMITTED" }));
    await time("rare: q + status, best", rareQueries, (q) => tablePage(q, { status: "SUBMITTED" }));
    await time("no text: page of 50 + counts", queries.slice(0, 40), async () => {
      const [page] = await Promise.all([listItems(db, projectId, { limit: 50 }), countItemsByStatus(db, projectId, {})]);
      return page.items.length;
    });
    await db.$disconnect();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
