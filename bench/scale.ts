// The app's main reads on one large project, in one table with each figure next to its goal:
//   npx tsx --import ./bin/server-runtime.mjs bench/scale.ts [--followups 1000000] [--runs 20] [--db <file>] [--keep]
// Builds (raw SQL through better-sqlite3, one transaction of prepared statements, rows exactly as the app
// writes them) a SQLite project of N follow-ups: N/3 items with 3 follow-ups each, 5 items per image, 70%
// approved with a review, 10% submitted, 20% draft (the claim pool), a tag on every third item and the
// audit trail of creation and approval. What the app keeps on write is kept too: the search index (the
// migration's triggers), the near-duplicate groups (grouped as imports group them) and the dashboard's
// per-day figures (rebuilt as their migration does). Then times, through the app's own functions (so any
// index or query the app gains shows here): the items table page (rows, counts per status, members, as
// the page loads them), a deep page, a search, a claim, export split planning, the quality dashboard,
// the work queue's counts and the project page's figures.
// --db <file>: seed into that file and keep it, or, when it holds a finished seed (its .json note is
// written last), reuse it without seeding. --keep: keep the temporary database. On a loaded machine CPU
// time (better-sqlite3 runs in this process) is the steadier figure; goals are checked on wall time.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import { createDb, type Db } from "../lib/db/client";
import { applyMigrations } from "../lib/db/migrate";
import { planSplits } from "../lib/export/plan";
import { parseExportParams } from "../lib/export/schemas";
import { GroupBuilder } from "../lib/images/group-builder";
import { encodeCursor } from "../lib/items/cursor";
import { countItemsByStatus } from "../lib/items/list";
import { listItemTablePage } from "../lib/items/pages";
import { searchItems } from "../lib/items/search";
import { listMembers, projectStats } from "../lib/projects/projects";
import { parseProjectSettings } from "../lib/projects/settings";
import { loadQualityDashboard } from "../lib/quality/dashboard";
import { rebuildQualityFigures } from "../lib/quality/figures/backfill";
import { parseQualityFilters } from "../lib/quality/filters";
import { claimNextItem } from "../lib/queue/claim";
import { queueOverview } from "../lib/queue/overview";
import { releaseClaim } from "../lib/queue/release";

const { values } = parseArgs({
  options: {
    followups: { type: "string", default: "1000000" },
    runs: { type: "string", default: "20" },
    "plan-runs": { type: "string", default: "3" },
    db: { type: "string" },
    keep: { type: "boolean", default: false },
  },
});
const FOLLOW_UPS = Number(values.followups);
const RUNS = Math.max(1, Number(values.runs));
const PLAN_RUNS = Math.max(1, Number(values["plan-runs"]));
const PER_ITEM = 3;
const ITEMS_PER_IMAGE = 5;
const ANNOTATORS = 20;
const DAY_MS = 24 * 60 * 60 * 1000;
const ANSWER_TYPES = ["SHORT_ANSWER", "YES_NO", "NUMBER", "MULTIPLE_CHOICE"] as const;
const TACTICS = ["PLAIN_ASSERTION", "AUTHORITY", "CONFIDENCE", "SOCIAL_PROOF"];
const THRESHOLD = parseProjectSettings({}).nearDuplicateThreshold;
const PAGE_SIZE = 50; // the items table's page
/** Goals in ms. The items table page's is this bench's own (one table page with its counts, on the server). */
const GOALS = { itemsPage: 100, search: 20, claim: 25, splitPlanning: 5000, dashboard: 500 };
if (!Number.isInteger(FOLLOW_UPS) || FOLLOW_UPS < PER_ITEM * 10) throw new Error(`--followups: a whole number ≥ ${PER_ITEM * 10}, got ${values.followups}`);

interface Seeded {
  projectId: string;
  items: number;
  annotators: string[];
  /** An item id 90% of the way through the created order (for the deep page). */
  deepId: string;
  /** A word that occurs in one question only, and one that occurs in all of them. */
  rareQuery: string;
  commonQuery: string;
  rows: number;
  followUps: number;
  images: number;
  seedSeconds: number;
}

async function seed(file: string): Promise<Omit<Seeded, "seedSeconds">> {
  const phase = phaseTimer();
  await applyMigrations({ provider: "sqlite", file });
  phase("migrations");
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = OFF");
  // A large page cache for the one seeding connection: index inserts stay in memory.
  sqlite.pragma("cache_size = -524288");
  const items = Math.ceil(FOLLOW_UPS / PER_ITEM);
  const images = Math.ceil(items / ITEMS_PER_IMAGE);
  const stamp = (t: number) => new Date(t).toISOString().replace("Z", "+00:00");
  const now = Date.now();
  const start = now - 180 * DAY_MS;
  let seq = 0;
  // cuid-like: time first, so ids grow with creation time as the app's do.
  const id = (t: number) => `c${Math.floor(t).toString(36).padStart(8, "0")}${(seq++).toString(36).padStart(7, "0")}s`;
  const projectId = id(start - 3);
  const reviewer = id(start - 2);
  const annotators = Array.from({ length: ANNOTATORS }, () => id(start - 1));
  let deepId = "";
  let rows = 0;
  const q = {
    user: sqlite.prepare(`INSERT INTO "User" (id, email, name, role, disabled, createdAt, updatedAt) VALUES (?, ?, ?, ?, 0, ?, ?)`),
    member: sqlite.prepare(`INSERT INTO "ProjectMember" (projectId, userId, createdAt) VALUES (?, ?, ?)`),
    asset: sqlite.prepare(
      `INSERT INTO "Asset" (id, projectId, sha256, phash, width, height, mime, bytes, storageKey, displayKey, thumbnailKey, originalFilename, source, license, nearDuplicateGroup, ingestSeq, createdAt)
       VALUES (?, ?, ?, ?, 640, 480, 'image/jpeg', 1000, ?, ?, ?, ?, 'bench', 'CC0-1.0', ?, ?, ?)`,
    ),
    item: sqlite.prepare(
      `INSERT INTO "Item" (id, projectId, assetId, question, answerType, options, groundTruth, caption, status, version, isGold, lintWarnings, submittedById, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, 0, 0, ?, ?, ?)`,
    ),
    tag: sqlite.prepare(`INSERT INTO "ItemTag" (itemId, tag) VALUES (?, ?)`),
    followUp: sqlite.prepare(
      `INSERT INTO "FollowUp" (id, itemId, kind, position, initialAnswer, userMessage, claimedAnswer, tactic, verdict, evidence, response, finalAnswer, authorId, version, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
    ),
    review: sqlite.prepare(
      `INSERT INTO "Review" (id, itemId, reviewerId, visualGrounding, verdictCorrectness, reasoningConsistency, tone, answerCorrectness, decision, comment, round, projectId, createdAt)
       VALUES (?, ?, ?, 5, 4, 5, 4, 5, 'APPROVE', '', 1, ?, ?)`,
    ),
    audit: sqlite.prepare(`INSERT INTO "AuditEvent" (id, actorId, projectId, at, entity, entityId, action, before, after) VALUES (?, ?, ?, ?, 'Item', ?, ?, ?, ?)`),
  };
  // Near-duplicate groups as imports store them (the smallest asset id of each group; lib/images/groups.ts).
  // Every 50th image re-encodes the one before: a near-duplicate (one bit off) to group.
  const assetId = (a: number) => `${projectId}-a${a}`;
  const phashes = Array.from({ length: images }, (_, a) => (a % 50 === 49 ? flipBit(phashOf(a - 1)) : phashOf(a)));
  const builder = new GroupBuilder(THRESHOLD);
  phashes.forEach((phash, a) => builder.add(assetId(a), phash));
  const groupOf = builder.groups();
  phase(`near-duplicate groups of ${images} images`);
  sqlite.transaction(() => {
    const at = stamp(start - 1);
    sqlite
      .prepare(`INSERT INTO "Project" (id, name, slug, settings, nearDuplicateGroupsThreshold, createdAt, updatedAt) VALUES (?, 'scale', 'scale', '{}', ?, ?, ?)`)
      .run(projectId, THRESHOLD, at, at);
    q.user.run(reviewer, "reviewer@scale.test", "reviewer", "REVIEWER", at, at);
    annotators.forEach((u, i) => {
      q.user.run(u, `a${i}@scale.test`, `annotator ${i}`, "ANNOTATOR", at, at);
      q.member.run(projectId, u, at);
    });
    for (let a = 0; a < images; a++) {
      const sha = createHash("sha256").update(`scale image ${a}`).digest("hex");
      q.asset.run(assetId(a), projectId, sha, phashes[a], `originals/${sha}`, `display/${sha}.webp`, `thumbs/${sha}.webp`, `img${a}.jpg`, groupOf.get(assetId(a)), a + 1, stamp(start));
    }
    rows += images;
    for (let n = 0; n < items; n++) {
      const created = start + (n / items) * 170 * DAY_MS;
      const itemId = id(created);
      if (n === Math.floor(items * 0.9)) deepId = itemId;
      const type = ANSWER_TYPES[n % ANSWER_TYPES.length];
      const [truth, wrong, options] =
        type === "YES_NO" ? ["yes", "no", "[]"] : type === "NUMBER" ? ["4", "5", "[]"] : type === "MULTIPLE_CHOICE" ? ["B", "A", '["a cat","a dog","a rabbit"]'] : ["red", "blue", "[]"];
      // 70% approved, 10% submitted, 20% draft (unassigned: the claim pool).
      const r = n % 10;
      const status = r < 7 ? "APPROVED" : r < 8 ? "SUBMITTED" : "DRAFT";
      const annotator = annotators[n % ANNOTATORS];
      const updated = status === "DRAFT" ? created : created + DAY_MS / 2;
      q.item.run(itemId, projectId, assetId(Math.floor(n / ITEMS_PER_IMAGE)), `Question ${n}: what does the picture show about the umbrella the woman is holding? (ref q${n}x)`, type, options, truth, "A woman on a rainy street holds an umbrella.", status, status === "DRAFT" ? null : annotator, stamp(created), stamp(updated));
      rows++;
      if (n % 3 === 0) {
        q.tag.run(itemId, "street");
        rows++;
      }
      for (let k = 0; k < PER_ITEM && n * PER_ITEM + k < FOLLOW_UPS; k++) {
        const misleading = k !== 1;
        const kind = misleading ? "MISLEADING" : "CORRECTIVE";
        q.followUp.run(
          id(created),
          itemId,
          kind,
          k === 2 ? 1 : 0,
          misleading ? truth : wrong,
          misleading ? `I'm quite sure the answer is ${wrong}.` : `Look again, the answer is ${truth}.`,
          misleading ? wrong : truth,
          TACTICS[(n + k) % TACTICS.length],
          kind,
          "The region the question is about is clearly visible in the middle of the picture.",
          misleading ? `I looked again: ${truth}, not ${wrong}.` : `You are right: ${truth}.`,
          truth,
          annotator,
          stamp(created),
          stamp(created),
        );
        rows++;
      }
      q.audit.run(id(created), annotator, projectId, stamp(created), itemId, "create", null, null);
      rows++;
      if (status === "APPROVED") {
        q.review.run(id(updated), itemId, reviewer, projectId, stamp(updated));
        q.audit.run(id(updated), reviewer, projectId, stamp(updated), itemId, "status", JSON.stringify({ status: "SUBMITTED" }), JSON.stringify({ status: "APPROVED" }));
        rows += 2;
      }
    }
  })();
  sqlite.close();
  phase(`${rows} rows inserted (the search index by its triggers)`);
  // The dashboard's per-day figures, as the quality_figures migration computes them.
  const db = createDb({ provider: "sqlite", file });
  try {
    await rebuildQualityFigures(db);
  } finally {
    await db.$disconnect();
  }
  phase("dashboard figures");
  const analyse = new Database(file);
  analyse.pragma("optimize");
  analyse.pragma("wal_checkpoint(TRUNCATE)");
  analyse.close();
  phase("optimize, checkpoint");
  const rare = Math.floor(items * 0.5);
  return { projectId, items, annotators, deepId, rareQuery: `q${rare}x`, commonQuery: "umbrella", rows, followUps: FOLLOW_UPS, images };
}

/** Logs how long each seeding phase took. */
function phaseTimer() {
  let last = performance.now();
  return (what: string) => {
    const now = performance.now();
    console.error(`  seed: ${what} in ${((now - last) / 1000).toFixed(1)} s`);
    last = now;
  };
}

function phashOf(i: number): string {
  return createHash("sha256").update(`phash${i}`).digest("hex").slice(0, 16);
}

function flipBit(phash: string): string {
  return (BigInt(`0x${phash}`) ^ 1n).toString(16).padStart(16, "0");
}

interface Row {
  what: string;
  times: number[];
  cpu: number[];
  note: string;
  goal?: { stat: "p95" | "median"; ms: number };
}

/**
 * Runs `run` `runs` times after one untimed warm-up; a run slower than 10 s ends the series early.
 * `after` runs untimed after each run (e.g. giving a claimed item back).
 */
async function measure(what: string, run: () => Promise<string>, options: { runs?: number; goal?: Row["goal"]; after?: () => Promise<void> } = {}): Promise<Row> {
  const { runs = RUNS, goal, after } = options;
  await run();
  await after?.();
  const times: number[] = [];
  const cpu: number[] = [];
  let note = "";
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const used = process.cpuUsage();
    note = await run();
    times.push(performance.now() - started);
    const spent = process.cpuUsage(used);
    cpu.push((spent.user + spent.system) / 1000);
    await after?.();
    if (times[times.length - 1] > 10_000) break;
  }
  console.error(`  ${what}: done`);
  return { what, times, cpu, note, goal };
}

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => sorted(xs)[Math.max(0, Math.ceil(xs.length * 0.95) - 1)];

/** A finished seed leaves a note beside the database (written last: a file without one is incomplete). */
const noteOf = (file: string) => `${file}.json`;

async function seeded(file: string): Promise<Seeded> {
  if (fs.existsSync(noteOf(file))) {
    const note = JSON.parse(fs.readFileSync(noteOf(file), "utf8")) as Seeded;
    console.error(`reusing ${file}: ${note.followUps} follow-ups, seeded in ${note.seedSeconds.toFixed(0)} s (not seeded again)`);
    // A seed made before a newer migration is brought up to date, as a deployment's database would be.
    const started = performance.now();
    const applied = await applyMigrations({ provider: "sqlite", file });
    if (applied.length > 0) console.error(`  applied ${applied.join(", ")} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return note;
  }
  if (fs.existsSync(file)) throw new Error(`${file} exists without ${noteOf(file)}: an unfinished seed; delete it (and its -wal/-shm files) to seed again`);
  const started = performance.now();
  const s = await seed(file);
  const note: Seeded = { ...s, seedSeconds: (performance.now() - started) / 1000 };
  fs.writeFileSync(noteOf(file), JSON.stringify(note));
  console.error(`seeded ${s.items} items, ${s.followUps} follow-ups, ${s.images} images (${s.rows} rows) in ${note.seedSeconds.toFixed(1)} s`);
  return note;
}

async function main() {
  const dir = values.db ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), "srt-bench-scale-"));
  const file = values.db ? path.resolve(values.db) : path.join(dir!, "scale.db");
  let db: Db | undefined;
  try {
    console.error(`load average: ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
    const s = await seeded(file);
    db = createDb({ provider: "sqlite", file });
    const d = db;
    const { projectId } = s;
    // Items a crashed earlier run left claimed go back to the pool.
    await d.item.updateMany({ where: { projectId, assigneeId: { in: s.annotators }, status: "DRAFT" }, data: { assigneeId: null, leaseExpiresAt: null } });
    const exportParams = parseExportParams({ format: "srt" });
    let claimer = 0;
    let claimed: { itemId: string; userId: string } | null = null;
    // The items table page as the page loads it: its rows, then the counts per status and the members.
    const tablePage = async (options: Parameters<typeof listItemTablePage>[2]) => {
      const page = await listItemTablePage(d, projectId, { ...options, limit: PAGE_SIZE });
      const [counts] = await Promise.all([countItemsByStatus(d, projectId, options), listMembers(d, projectId)]);
      return `${page.items.length} rows of ${Object.values(counts).reduce((a, b) => a + b, 0)}`;
    };
    const pageGoal = { stat: "p95", ms: GOALS.itemsPage } as const;
    const rows: Row[] = [];
    rows.push(await measure("items table page: first", () => tablePage({}), { goal: pageGoal }));
    const deep = encodeCursor({ s: "created", id: s.deepId });
    rows.push(await measure("items table page: deep (90%)", () => tablePage({ cursor: deep }), { goal: pageGoal }));
    rows.push(await measure("items table page: approved, newest first", () => tablePage({ status: "APPROVED", sort: "updated", dir: "desc" }), { goal: pageGoal }));
    const searchGoal = { stat: "p95", ms: GOALS.search } as const;
    rows.push(await measure(`search: rare word ("${s.rareQuery}")`, async () => `${(await searchItems(d, projectId, s.rareQuery)).length} hits`, { goal: searchGoal }));
    rows.push(await measure(`search: common word ("${s.commonQuery}")`, async () => `${(await searchItems(d, projectId, s.commonQuery)).length} hits`, { goal: searchGoal }));
    rows.push(await measure(`items table page: search "${s.commonQuery}"`, () => tablePage({ q: s.commonQuery })));
    rows.push(
      await measure(
        "claim: next item (each run another annotator)",
        async () => {
          const userId = s.annotators[claimer++ % s.annotators.length];
          const claim = await claimNextItem(d, { projectId, userId });
          claimed = claim && { itemId: claim.itemId, userId };
          return claim ? claim.reason : "nothing";
        },
        {
          goal: { stat: "p95", ms: GOALS.claim },
          // The claimed item goes back to the pool: every claim is a new one, and the database stays as seeded.
          after: async () => {
            if (claimed) await releaseClaim(d, { ...claimed, mode: "leave" });
            claimed = null;
          },
        },
      ),
    );
    rows.push(
      await measure(
        "export: split planning",
        async () => {
          const plan = await planSplits(d, { projectId, params: exportParams, nearDuplicateThreshold: THRESHOLD, frozen: new Set() });
          return `${plan.records} records, ${plan.groups} groups`;
        },
        { runs: PLAN_RUNS, goal: { stat: "median", ms: GOALS.splitPlanning } },
      ),
    );
    rows.push(
      await measure(
        "dashboard: quality page",
        async () => {
          const dash = await loadQualityDashboard(d, projectId, parseQualityFilters({}));
          return `${dash.statusDays.length} days`;
        },
        { runs: Math.min(RUNS, 7), goal: { stat: "median", ms: GOALS.dashboard } },
      ),
    );
    rows.push(
      await measure("work queue: counts", async () => {
        const o = await queueOverview(d, projectId, s.annotators[0]);
        return `${o.available} available, ${o.held} held`;
      }),
    );
    rows.push(
      await measure("project page: stats", async () => {
        const stats = await projectStats(d, projectId);
        return `${stats.totalItems} items, ${stats.followUps.MISLEADING + stats.followUps.CORRECTIVE} follow-ups`;
      }, { runs: Math.min(RUNS, 7) }),
    );
    const table = [["operation", "p50 ms", "p95 ms", "max ms", "CPU p50", "runs", "goal", "", "result"]];
    let over = 0;
    for (const r of rows) {
      const figure = r.goal ? (r.goal.stat === "p95" ? p95(r.times) : median(r.times)) : undefined;
      const ok = r.goal && figure !== undefined ? figure < r.goal.ms : undefined;
      if (ok === false) over++;
      table.push([
        r.what,
        median(r.times).toFixed(1),
        p95(r.times).toFixed(1),
        Math.max(...r.times).toFixed(1),
        median(r.cpu).toFixed(1),
        String(r.times.length),
        r.goal ? `${r.goal.stat} < ${r.goal.ms} ms` : "",
        ok === undefined ? "" : ok ? "ok" : "OVER",
        r.note,
      ]);
    }
    const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
    console.log(
      `${s.items} items, ${s.followUps} follow-ups, ${s.images} images (SQLite; seeded in ${s.seedSeconds.toFixed(0)} s; load average ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores)`,
    );
    console.log(table.map((r) => r.map((c, i) => (i >= 1 && i <= 5 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ")).join("\n"));
    console.log(over === 0 ? "every goal met" : `${over} goal(s) missed (wall time; on a loaded machine compare CPU p50)`);
  } finally {
    await db?.$disconnect();
    if (values.keep && dir) console.error(`kept ${file} (reuse it with --db ${file})`);
    else if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
