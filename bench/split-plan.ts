// Split planning at scale: `npx tsx --import ./bin/server-runtime.mjs bench/split-plan.ts [records]` (default 1,000,000).
// Seeds a fresh SQLite file with raw inserts: `records` approved follow-ups (4 per item, one item per
// image, so 250k images for 1M records), random perceptual hashes with every 50th image a near copy of
// the one before, and the near-duplicate groups stored as imports store them. Then prints:
//   grouping — clustering every hash of the project in memory: what every plan paid before the groups
//              were stored (and what `srt images regroup` pays once);
//   plan     — planSplits reading the stored groups (3 runs, median), which must stay under 5 s, next to
//              the item-paged planner it replaced (lib/export/testing/plan-by-item-pages.ts), interleaved
//              in the same run; both must give every image the same split.
// Flags: --keep (keep the database file); --db <file> (seed into that file and keep it, or reuse it
// without seeding when it exists); --no-before (only the current planner). RUNS env: runs per planner.
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import type { Db } from "../lib/db/client";
import type { PlanInput, SplitPlan } from "../lib/export/plan";

const FOLLOW_UPS_PER_ITEM = 4;
const PROJECT = "bench-project";
const THRESHOLD = 10;
const ANSWER_TYPES = ["SHORT_ANSWER", "YES_NO", "NUMBER", "MULTIPLE_CHOICE"] as const;
const RUNS = Number(process.env.RUNS ?? 3);
const pad = (i: number) => i.toString(36).padStart(7, "0");

function phashOf(i: number): string {
  return createHash("sha256").update(`phash${i}`).digest("hex").slice(0, 16);
}

async function generate(file: string, records: number): Promise<{ images: number; groupingSeconds: number; groups: number }> {
  const { applyMigrations } = await import("../lib/db/migrate");
  const { GroupBuilder } = await import("../lib/images/group-builder");
  await applyMigrations({ provider: "sqlite", file });
  const items = Math.ceil(records / FOLLOW_UPS_PER_ITEM);
  const images = items;
  const hashes = Array.from({ length: images }, (_, a) => (a % 50 === 49 ? (BigInt(`0x${phashOf(a - 1)}`) ^ 0b1011n).toString(16).padStart(16, "0") : phashOf(a)));
  const started = performance.now();
  const builder = new GroupBuilder(THRESHOLD);
  hashes.forEach((phash, a) => builder.add(`a${pad(a)}`, phash));
  const groupOf = builder.groups();
  const groupingSeconds = (performance.now() - started) / 1000;

  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -524288"); // index inserts stay in memory
  const now = "2026-01-01T00:00:00.000+00:00";
  const insert = {
    project: db.prepare(`INSERT INTO "Project"(id,name,slug,settings,nearDuplicateGroupsThreshold,createdAt,updatedAt) VALUES (?,?,?,?,?,?,?)`),
    asset: db.prepare(
      `INSERT INTO "Asset"(id,projectId,sha256,phash,width,height,mime,bytes,storageKey,displayKey,thumbnailKey,originalFilename,nearDuplicateGroup,ingestSeq,createdAt) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    ),
    item: db.prepare(`INSERT INTO "Item"(id,projectId,assetId,question,answerType,options,groundTruth,status,createdAt,updatedAt) VALUES (?,?,?,?,?,?,?,?,?,?)`),
    followUp: db.prepare(`INSERT INTO "FollowUp"(id,itemId,kind,position,createdAt,updatedAt) VALUES (?,?,?,?,?,?)`),
  };
  db.transaction(() => {
    insert.project.run(PROJECT, "Bench", "bench", JSON.stringify({ nearDuplicateThreshold: THRESHOLD }), THRESHOLD, now, now);
    for (let a = 0; a < images; a++) {
      const id = `a${pad(a)}`;
      const sha = createHash("sha256").update(`bench image ${a}`).digest("hex");
      insert.asset.run(id, PROJECT, sha, hashes[a], 640, 480, "image/jpeg", 1000, `originals/${sha}`, `display/${sha}.webp`, `thumbs/${sha}.webp`, `img${a}.jpg`, groupOf.get(id), a + 1, now);
    }
    for (let i = 0; i < items; i++) {
      const itemId = `i${pad(i)}`;
      insert.item.run(itemId, PROJECT, `a${pad(i)}`, `Question ${i}`, ANSWER_TYPES[i % ANSWER_TYPES.length], "[]", "yes", "APPROVED", now, now);
      for (let k = 0; k < FOLLOW_UPS_PER_ITEM && i * FOLLOW_UPS_PER_ITEM + k < records; k++) {
        insert.followUp.run(`f${pad(i * FOLLOW_UPS_PER_ITEM + k)}`, itemId, k < FOLLOW_UPS_PER_ITEM / 2 ? "MISLEADING" : "CORRECTIVE", k % 2, now, now);
      }
    }
  })();
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
  return { images, groupingSeconds, groups: new Set(groupOf.values()).size };
}

/** The seeded database's records and images (a reused file may have been seeded with another count). */
function seededSize(file: string): { records: number; images: number } {
  const db = new Database(file, { readonly: true });
  try {
    const count = (table: string) => Number((db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n);
    return { records: count("FollowUp"), images: count("Asset") };
  } finally {
    db.close();
  }
}

type Planner = (db: Db, input: PlanInput) => Promise<SplitPlan>;

/** One timed plan: wall and CPU seconds (better-sqlite3 runs in this process, so CPU includes the queries). */
async function timed(planner: Planner, db: Db, input: PlanInput): Promise<{ plan: SplitPlan; wall: number; cpu: number }> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const plan = await planner(db, input);
  const used = process.cpuUsage(cpu);
  return { plan, wall: (performance.now() - started) / 1000, cpu: (used.user + used.system) / 1e6 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(argv: string[]) {
  const { values, positionals } = parseArgs({ args: argv, allowPositionals: true, options: { keep: { type: "boolean", default: false }, db: { type: "string" }, "no-before": { type: "boolean", default: false } } });
  const records = Number(positionals[0] ?? 1_000_000);
  if (!Number.isInteger(records) || records < FOLLOW_UPS_PER_ITEM) throw new Error(`records: a whole number ≥ ${FOLLOW_UPS_PER_ITEM}, got ${positionals[0]}`);
  const dir = values.db ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), "srt-bench-plan-"));
  const file = values.db ? path.resolve(values.db) : path.join(dir!, "bench.db");
  const keep = values.keep || values.db !== undefined;
  try {
    console.log(`load average before: ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
    let groupingSeconds: number | undefined;
    if (fs.existsSync(file)) {
      console.log(`reusing ${file} (not seeded again)`);
    } else {
      const started = performance.now();
      const seeded = await generate(file, records);
      groupingSeconds = seeded.groupingSeconds;
      console.log(`seeded ${records} records, ${seeded.images} images (${seeded.groups} groups) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
    const size = seededSize(file);
    const { createDb } = await import("../lib/db/client");
    const { planSplits } = await import("../lib/export/plan");
    const { planSplitsByItemPages } = await import("../lib/export/testing/plan-by-item-pages");
    const { parseExportParams } = await import("../lib/export/schemas");
    const db = createDb({ provider: "sqlite", file });
    const input: PlanInput = { projectId: PROJECT, params: parseExportParams({ seed: 42 }), nearDuplicateThreshold: THRESHOLD, frozen: new Set() };
    const planners: [string, Planner][] = [["after (one GROUP BY)", planSplits]];
    if (!values["no-before"]) planners.unshift(["before (item pages)", planSplitsByItemPages]);
    const runs = new Map<string, { wall: number[]; cpu: number[] }>(planners.map(([name]) => [name, { wall: [], cpu: [] }]));
    const plans = new Map<string, SplitPlan>();
    // Interleaved, so both planners see the same machine load.
    for (let run = 0; run < RUNS; run++) {
      for (const [name, planner] of planners) {
        const { plan, wall, cpu } = await timed(planner, db, input);
        runs.get(name)!.wall.push(wall);
        runs.get(name)!.cpu.push(cpu);
        plans.set(name, plan);
        console.log(`  run ${run + 1}, ${name}: ${wall.toFixed(2)} s wall, ${cpu.toFixed(2)} s CPU (${plan.records} records, ${plan.images} images, ${plan.groups} groups), load ${os.loadavg()[0].toFixed(1)}`);
      }
    }
    await db.$disconnect();
    const after = plans.get(planners[planners.length - 1][0])!;
    if (after.records !== size.records) throw new Error(`planned ${after.records} records, expected ${size.records}`);
    const before = plans.get(planners[0][0])!;
    if (before !== after) {
      // Same totals and the same split for every image.
      for (const key of ["records", "images", "groups", "pinnedGroups", "assetCount"] as const) {
        if (before[key] !== after[key]) throw new Error(`${key}: before ${before[key]}, after ${after[key]}`);
      }
      for (let a = 0; a < size.images; a++) {
        const id = `a${pad(a)}`;
        if (before.splitAt(before.assetIndex(id)!) !== after.splitAt(after.assetIndex(id)!)) throw new Error(`image ${id}: split differs before/after`);
      }
      console.log(`  before and after: the same split for all ${size.images} images`);
    }
    console.log(`\n${size.records} records, ${size.images} images:`);
    if (groupingSeconds !== undefined) console.log(`  grouping every hash in memory (each plan, before groups were stored): ${groupingSeconds.toFixed(2)} s`);
    for (const [name] of planners) {
      const { wall, cpu } = runs.get(name)!;
      const m = median(wall);
      console.log(`  plan, ${name.padEnd(20)} median of ${RUNS}: ${m.toFixed(2)} s wall ${m < 5 ? "(< 5 s: ok)" : "(≥ 5 s: over the goal)"}, ${median(cpu).toFixed(2)} s CPU`);
    }
    console.log(`  (better-sqlite3 runs in this process, so CPU time includes the queries; on a loaded machine it is the steadier figure)`);
  } finally {
    if (keep) console.log(`database kept: ${file} (reuse it with --db ${file})`);
    else if (dir) fs.rmSync(dir, { recursive: true, force: true });
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error);
  process.exit(1);
});
