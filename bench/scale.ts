// The app's main reads on one large project, in one table:
//   npx tsx --import ./bin/server-runtime.mjs bench/scale.ts [--followups 1000000] [--runs 5] [--keep]
// Builds (raw SQL through better-sqlite3, one transaction, rows exactly as Prisma writes them) a
// SQLite project of N follow-ups: N/3 items with 3 follow-ups each, 5 items per image, 70% approved
// with a review, 10% submitted, 20% draft (the claim pool), a tag on every third item and the audit
// trail of creation and approval. Then times, through the app's own functions (so any index or
// search the app gains shows here), the median of a few runs of: the items table's first page, a
// deep page, its counts per status, a rare and a common search, a claim, export split planning,
// the quality dashboard and the work queue's counts.
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
import { encodeCursor } from "../lib/items/cursor";
import { countItemsByStatus, listItems } from "../lib/items/list";
import { parseProjectSettings } from "../lib/projects/settings";
import { loadQualityDashboard } from "../lib/quality/dashboard";
import { parseQualityFilters } from "../lib/quality/filters";
import { claimNextItem } from "../lib/queue/claim";
import { queueOverview } from "../lib/queue/overview";

const { values } = parseArgs({
  options: {
    followups: { type: "string", default: "1000000" },
    runs: { type: "string", default: "5" },
    keep: { type: "boolean", default: false },
  },
});
const FOLLOW_UPS = Number(values.followups);
const RUNS = Math.max(1, Number(values.runs));
const PER_ITEM = 3;
const ITEMS_PER_IMAGE = 5;
const ANNOTATORS = 20;
const DAY_MS = 24 * 60 * 60 * 1000;
const ANSWER_TYPES = ["SHORT_ANSWER", "YES_NO", "NUMBER", "MULTIPLE_CHOICE"] as const;
const TACTICS = ["PLAIN_ASSERTION", "AUTHORITY", "CONFIDENCE", "SOCIAL_PROOF"];
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
}

async function seed(file: string): Promise<Seeded> {
  await applyMigrations({ provider: "sqlite", file });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = OFF");
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
      `INSERT INTO "Asset" (id, projectId, sha256, phash, width, height, mime, bytes, storageKey, displayKey, thumbnailKey, originalFilename, source, license, createdAt)
       VALUES (?, ?, ?, ?, 640, 480, 'image/jpeg', 1000, ?, ?, ?, ?, 'bench', 'CC0-1.0', ?)`,
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
      `INSERT INTO "Review" (id, itemId, reviewerId, visualGrounding, verdictCorrectness, reasoningConsistency, tone, answerCorrectness, decision, comment, round, createdAt)
       VALUES (?, ?, ?, 5, 4, 5, 4, 5, 'APPROVE', '', 1, ?)`,
    ),
    audit: sqlite.prepare(`INSERT INTO "AuditEvent" (id, actorId, projectId, at, entity, entityId, action, before, after) VALUES (?, ?, ?, ?, 'Item', ?, ?, ?, ?)`),
  };
  sqlite.transaction(() => {
    const at = stamp(start - 1);
    sqlite.prepare(`INSERT INTO "Project" (id, name, slug, settings, createdAt, updatedAt) VALUES (?, 'scale', 'scale', '{}', ?, ?)`).run(projectId, at, at);
    q.user.run(reviewer, "reviewer@scale.test", "reviewer", "REVIEWER", at, at);
    annotators.forEach((u, i) => {
      q.user.run(u, `a${i}@scale.test`, `annotator ${i}`, "ANNOTATOR", at, at);
      q.member.run(projectId, u, at);
    });
    for (let a = 0; a < images; a++) {
      const sha = createHash("sha256").update(`scale image ${a}`).digest("hex");
      // Every 50th image re-encodes the one before: a near-duplicate (one bit off) to group.
      const phash = a % 50 === 49 ? flipBit(phashOf(a - 1)) : phashOf(a);
      q.asset.run(`${projectId}-a${a}`, projectId, sha, phash, `originals/${sha}`, `display/${sha}.webp`, `thumbs/${sha}.webp`, `img${a}.jpg`, stamp(start));
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
      q.item.run(itemId, projectId, `${projectId}-a${Math.floor(n / ITEMS_PER_IMAGE)}`, `Question ${n}: what does the picture show about the umbrella the woman is holding? (ref q${n}x)`, type, options, truth, "A woman on a rainy street holds an umbrella.", status, status === "DRAFT" ? null : annotator, stamp(created), stamp(updated));
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
        q.review.run(id(updated), itemId, reviewer, stamp(updated));
        q.audit.run(id(updated), reviewer, projectId, stamp(updated), itemId, "status", JSON.stringify({ status: "SUBMITTED" }), JSON.stringify({ status: "APPROVED" }));
        rows += 2;
      }
    }
  })();
  sqlite.pragma("optimize");
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
  const rare = Math.floor(items * 0.5);
  return { projectId, items, annotators, deepId, rareQuery: `q${rare}x`, commonQuery: "umbrella", rows };
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
  note: string;
}

/** Runs `run` `runs` times (after one untimed warm-up unless `warm` is false); a run slower than 10 s ends the series early. */
async function measure(what: string, run: (i: number) => Promise<string>, { runs = RUNS, warm = true } = {}): Promise<Row> {
  if (warm) await run(-1);
  const times: number[] = [];
  let note = "";
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    note = await run(i);
    times.push(performance.now() - started);
    if (times[times.length - 1] > 10_000) break;
  }
  return { what, times, note };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "srt-bench-scale-"));
  const file = path.join(dir, "scale.db");
  let db: Db | undefined;
  try {
    const t0 = performance.now();
    const s = await seed(file);
    const seedSeconds = (performance.now() - t0) / 1000;
    console.error(`seeded ${s.items} items, ${FOLLOW_UPS} follow-ups (${s.rows} rows) in ${seedSeconds.toFixed(1)} s`);
    db = createDb({ provider: "sqlite", file });
    const d = db;
    const { projectId } = s;
    const settings = parseProjectSettings({});
    const exportParams = parseExportParams({ format: "srt" });
    let claimer = 0;
    const rows: Row[] = [];
    rows.push(await measure("items table: first page", async () => `${(await listItems(d, projectId, {})).items.length} rows`));
    const deep = encodeCursor({ s: "created", id: s.deepId });
    rows.push(await measure("items table: deep page (90%)", async () => `${(await listItems(d, projectId, { cursor: deep })).items.length} rows`));
    rows.push(
      await measure("items table: approved, newest first", async () => `${(await listItems(d, projectId, { status: "APPROVED", sort: "updated", dir: "desc" })).items.length} rows`),
    );
    rows.push(await measure("items table: counts per status", async () => `${Object.values(await countItemsByStatus(d, projectId, {})).reduce((a, b) => a + b, 0)} items`));
    rows.push(await measure(`search: rare word ("${s.rareQuery}")`, async () => `${(await listItems(d, projectId, { q: s.rareQuery })).items.length} rows`));
    rows.push(await measure(`search: common word ("${s.commonQuery}")`, async () => `${(await listItems(d, projectId, { q: s.commonQuery })).items.length} rows`));
    rows.push(
      await measure("claim: next item (a new annotator each run)", async () => {
        const claim = await claimNextItem(d, { projectId, userId: s.annotators[claimer++ % s.annotators.length] });
        return claim ? `${claim.reason}` : "nothing";
      }),
    );
    rows.push(
      await measure("export: split planning", async () => {
        const plan = await planSplits(d, { projectId, params: exportParams, nearDuplicateThreshold: settings.nearDuplicateThreshold, frozen: new Set() });
        return `${plan.records} records, ${plan.groups} groups`;
      }),
    );
    rows.push(
      await measure("dashboard: quality (all time)", async () => {
        const dash = await loadQualityDashboard(d, projectId, parseQualityFilters({}));
        return `${dash.statusDays.length} days`;
      }),
    );
    rows.push(
      await measure("dashboard: work queue counts", async () => {
        const o = await queueOverview(d, projectId, s.annotators[0]);
        return `${o.available} available, ${o.held} held`;
      }),
    );
    const table = [["operation", "median ms", "min", "max", "runs", "result"]];
    for (const r of rows) {
      table.push([r.what, median(r.times).toFixed(1), Math.min(...r.times).toFixed(1), Math.max(...r.times).toFixed(1), String(r.times.length), r.note]);
    }
    const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
    console.log(`${s.items} items, ${FOLLOW_UPS} follow-ups, ${Math.ceil(s.items / ITEMS_PER_IMAGE)} images (SQLite; seeded in ${seedSeconds.toFixed(0)} s)`);
    console.log(table.map((r) => r.map((c, i) => (i >= 1 && i <= 4 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join("  ")).join("\n"));
  } finally {
    await db?.$disconnect();
    if (values.keep) console.error(`kept ${file}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
