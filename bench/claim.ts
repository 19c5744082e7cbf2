// Benchmark of the work queue:
//   npx tsx --import ./bin/server-runtime.mjs bench/claim.ts [--items 100000] [--clients 20] [--claims 50] [--interval 500]
//     [--scenarios shared,workers,paced] [--keep] [--postgres] [--gold-every N [--gold-items G]]
//   --postgres: on a fresh database of the server at POSTGRES_URL (scripts/with-postgres.sh npx tsx … --postgres)
//   --gold-every N: the project serves gold (lib/quality/gold.ts): every N-th claim of a client is a fresh copy of
//     one of G gold items (default 1000, so they do not run out) the client has not attempted yet
//
// Seeds a fresh SQLite file (or PostgreSQL database) with one project of N DRAFT items, then runs C concurrent clients, each
// claiming K items in a loop through claimNextItem. After each timed claim the client marks its item
// SUBMITTED (untimed) so its next claim takes a new item from the pool. Three scenarios:
//   shared    C loops in one process sharing one Db client: how the web server runs (saturated, no pause)
//   workers   C worker threads, each with its own connection (pool), as C separate processes (saturated)
//   paced     as shared, but each client claims once every --interval ms (a busy but sane load)
// Reports claim latency p50/p95/p99, throughput, the process's CPU time per claim (user + system over the
// scenario, all threads — for workers their start-up too —, the untimed submits included: on a loaded
// machine wall times swell, CPU time much less), and double claims (an item handed to two clients at once, or twice; must be 0).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";
import { createDb, type Db } from "../lib/db/client";
import type { DatabaseConfig } from "../lib/db/config";
import { seedQueue, seedQueuePostgres, type GoldSeed } from "./queue-seed";
import { claimNextItem } from "../lib/queue/claim";

interface Job {
  config: DatabaseConfig;
  projectId: string;
  userId: string;
  claims: number;
  /** Pause so that claims start every `interval` ms (0: back to back). */
  interval: number;
}
interface Report {
  latencies: number[];
  itemIds: string[];
  /** Of itemIds: the gold copies served. */
  gold: number;
  errors: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function claimLoop(db: Db, { projectId, userId, claims, interval }: Job): Promise<Report> {
  const report: Report = { latencies: [], itemIds: [], gold: 0, errors: [] };
  // Paced clients start at random offsets so they do not all fire in the same millisecond.
  if (interval > 0) await sleep(Math.random() * interval);
  for (let i = 0; i < claims; i++) {
    const start = performance.now();
    try {
      const claim = await claimNextItem(db, { projectId, userId });
      report.latencies.push(performance.now() - start);
      if (!claim) break;
      // A "resumed" claim hands back the client's own item whose submit below failed (a busy timeout on an
      // overloaded machine): the queue's rule, not a double claim.
      if (claim.reason === "new") report.itemIds.push(claim.itemId);
      // Gold copies are made for the claim (pool items are seeded with "bench" ids).
      if (claim.reason === "new" && !claim.itemId.endsWith("bench")) report.gold++;
      await db.item.updateMany({ where: { id: claim.itemId, assigneeId: userId }, data: { status: "SUBMITTED", leaseExpiresAt: null } });
    } catch (error) {
      report.errors.push(String(error).slice(0, 300));
    }
    if (interval > 0) await sleep(Math.max(0, interval - (performance.now() - start)));
  }
  return report;
}

/** Worker thread body: its own connection, warmed up, then waits for "go". */
async function workerMain(job: Job) {
  const db = createDb(job.config);
  await db.item.count({ where: { projectId: job.projectId, assigneeId: job.userId } });
  parentPort!.postMessage({ ready: true });
  await new Promise((resolve) => parentPort!.once("message", resolve));
  const report = await claimLoop(db, job);
  await db.$disconnect();
  parentPort!.postMessage(report);
}

/** The shared queue seed, checked to read back through Prisma like the app's own rows. */
async function seed(file: string, items: number, clients: number, gold: GoldSeed | null) {
  const { projectId, base, users } = await seedQueue(file, items, clients, null, gold);
  const userIds = users.map((u) => u.id);
  // The app must read the seeded rows like its own.
  const db = createDb({ provider: "sqlite", file });
  const check = await db.item.findFirst({ where: { projectId, isGold: false }, orderBy: { id: "asc" } });
  if (!check || check.createdAt.getTime() !== base) throw new Error("seeded rows do not read back through Prisma");
  await db.$disconnect();
  return { projectId, userIds };
}

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function summarize(name: string, reports: Report[], wall: number, cpuMs: number) {
  const latencies = reports.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const claimed = reports.flatMap((r) => r.itemIds);
  const doubles = claimed.length - new Set(claimed).size;
  const errors = reports.flatMap((r) => r.errors);
  const gold = reports.reduce((n, r) => n + r.gold, 0);
  const ms = (p: number) => percentile(latencies, p).toFixed(1);
  console.log(
    `${name.padEnd(8)} ${String(claimed.length).padStart(5)} claims in ${wall.toFixed(1).padStart(5)} s | ` +
      `p50 ${ms(50)} ms  p95 ${ms(95)} ms  p99 ${ms(99)} ms | ${(claimed.length / wall).toFixed(0)} claims/s | ` +
      `CPU ${(cpuMs / Math.max(1, claimed.length)).toFixed(2)} ms/claim | double claims ${doubles}` +
      (gold > 0 ? ` | gold copies ${gold}` : "") +
      (errors.length > 0 ? ` | errors ${errors.length}: ${errors[0]}` : ""),
  );
  return doubles === 0 && errors.length === 0;
}

async function runShared(jobs: Job[]) {
  const db = createDb(jobs[0].config);
  await db.item.count();
  const t = performance.now();
  const reports = await Promise.all(jobs.map((job) => claimLoop(db, job)));
  const wall = (performance.now() - t) / 1000;
  await db.$disconnect();
  return { reports, wall };
}

/** Makes `import "server-only"` a no-op outside Next.js (see bin/server-runtime.mjs). */
const SERVER_RUNTIME = new URL("../bin/server-runtime.mjs", import.meta.url).href;

async function runWorkers(jobs: Job[]) {
  const workers = jobs.map(
    (job) =>
      // Node 20 does not hand tsx's loader on to workers: each registers it, then loads this file.
      new Worker(
        `import(${JSON.stringify(SERVER_RUNTIME)}).then(() => import("tsx/esm/api")).then(({ register }) => { register(); return import(${JSON.stringify(import.meta.url)}); });`,
        { eval: true, execArgv: [], workerData: job },
      ),
  );
  try {
    await Promise.all(workers.map((w) => new Promise((resolve, reject) => (w.once("message", resolve), w.once("error", reject)))));
    const results = workers.map((w) => new Promise<Report>((resolve, reject) => (w.once("message", resolve), w.once("error", reject))));
    const t = performance.now();
    for (const w of workers) w.postMessage("go");
    const reports = await Promise.all(results);
    return { reports, wall: (performance.now() - t) / 1000 };
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      items: { type: "string", default: "100000" },
      clients: { type: "string", default: "20" },
      claims: { type: "string", default: "50" },
      interval: { type: "string", default: "500" },
      keep: { type: "boolean", default: false },
      postgres: { type: "boolean", default: false },
      scenarios: { type: "string", default: "shared,workers,paced" },
      "gold-every": { type: "string", default: "0" },
      "gold-items": { type: "string", default: "1000" },
    },
  });
  const [items, clients, claims, interval] = [values.items, values.clients, values.claims, values.interval].map(Number);
  const gold: GoldSeed | null = Number(values["gold-every"]) > 0 ? { every: Number(values["gold-every"]), items: Number(values["gold-items"]) } : null;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "srt-bench-claim-"));
  const file = path.join(dir, "bench.db");
  let ok = true;
  try {
    const t = performance.now();
    let config: DatabaseConfig = { provider: "sqlite", file };
    let seeded: { projectId: string; userIds: string[] };
    if (values.postgres) {
      if (!process.env.POSTGRES_URL) throw new Error("--postgres needs POSTGRES_URL (run through scripts/with-postgres.sh)");
      const pgSeed = await seedQueuePostgres(process.env.POSTGRES_URL, `srt_bench_claim_${process.pid}`, items, clients, gold);
      config = { provider: "postgresql", url: pgSeed.url };
      seeded = { projectId: pgSeed.projectId, userIds: pgSeed.users.map((u) => u.id) };
    } else seeded = await seed(file, items, clients, gold);
    const { projectId, userIds } = seeded;
    console.log(`${config.provider}${gold ? ` (gold: 1 claim in ${gold.every}, ${gold.items} gold items)` : ""}: seeded ${items} DRAFT items in ${((performance.now() - t) / 1000).toFixed(1)} s; ${clients} clients × ${claims} claims; ${os.cpus().length} CPUs, load ${os.loadavg()[0].toFixed(1)}`);
    const jobs = (pace: number) => userIds.map((userId) => ({ config, projectId, userId, claims, interval: pace }));
    const all: Report[] = [];
    for (const [name, run] of [
      ["shared", () => runShared(jobs(0))],
      ["workers", () => runWorkers(jobs(0))],
      ["paced", () => runShared(jobs(interval))],
    ] as const) {
      if (!values.scenarios.split(",").includes(name)) continue;
      const cpu = process.cpuUsage();
      const { reports, wall } = await run();
      const used = process.cpuUsage(cpu);
      ok = summarize(name, reports, wall, (used.user + used.system) / 1000) && ok;
      all.push(...reports);
    }
    // Items only ever go DRAFT → claimed → SUBMITTED here, so an item claimed twice across all
    // scenarios was handed out twice.
    const every = all.flatMap((r) => r.itemIds);
    console.log(`all scenarios: ${every.length} claims, ${every.length - new Set(every).size} double claims (paced: one claim every ${interval} ms per client)`);
    ok = ok && every.length === new Set(every).size;
  } finally {
    if (values.keep) console.log(`kept ${file}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
  if (!ok) process.exitCode = 1;
}

if (isMainThread) await main();
else await workerMain(workerData as Job);
