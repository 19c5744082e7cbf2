// The work queue over HTTP, against a real production server on loopback:
//   NEXT_DIST_DIR=.next-annotate npx next build            (once; any build of the app)
//   NEXT_DIST_DIR=.next-annotate npx tsx --import ./bin/server-runtime.mjs bench/claim-http.ts [--items 100000] [--clients 20] [--claims 25]
//                                                            [--interval 1000] [--seconds 60] [--port 3190] [--keep]
//
// 1. Seeds a fresh SQLite file: one project with N DRAFT items and C annotators (members, with passwords).
// 2. Starts `next start` on 127.0.0.1:<port> with that database and the build in NEXT_DIST_DIR.
// 3. Signs every annotator in through the sign-in endpoint (CSRF token, credentials, session cookie).
// 4. Runs C concurrent loops, each claiming up to K items with POST /api/items/claim, as the "Start
//    annotating" button does, stopping at the time limit. After each claim the client marks its item
//    SUBMITTED directly in the database (untimed), as if the annotator had finished it, so its next
//    claim takes a new item from the pool. Two scenarios:
//      saturated  every client claims again as soon as it has an answer (the server's ceiling)
//      paced      every client claims once per --interval ms (a busy team, not a stampede)
// Prints claim latency p50/p95/p99 (client side, full HTTP round trip), throughput, and double claims
// (an item handed to two clients, or twice; must be 0). Exits 1 on any double claim or error.
import type { ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import bcrypt from "bcryptjs";
import { signIn, sleep, startNextServer, stopNextServer } from "./next-server";
import { seedQueue } from "./queue-seed";

const PASSWORD = "bench-password-1";

interface Seeded {
  projectId: string;
  users: { id: string; email: string }[];
}

async function seed(file: string, items: number, clients: number): Promise<Seeded> {
  const { projectId, users } = await seedQueue(file, items, clients, bcrypt.hashSync(PASSWORD, 4));
  return { projectId, users };
}

/** The server's environment: the seeded database, a throwaway asset dir and a fixed secret. */
function serverEnv(dir: string, file: string): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: `file:${file}`,
    STORAGE_DIR: path.join(dir, "assets"),
    SRT_DATA_DIR: dir,
    NEXTAUTH_SECRET: "bench-secret-not-for-production",
    NEXT_TELEMETRY_DISABLED: "1",
  };
}

interface Report {
  latencies: number[];
  itemIds: string[];
  errors: string[];
}

function percentile(sorted: number[], p: number) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function main() {
  const { values } = parseArgs({
    options: {
      items: { type: "string", default: "100000" },
      clients: { type: "string", default: "20" },
      claims: { type: "string", default: "25" },
      seconds: { type: "string", default: "60" },
      interval: { type: "string", default: "1000" },
      port: { type: "string", default: "3190" },
      keep: { type: "boolean", default: false },
    },
  });
  const [items, clients, claims, seconds, port] = [values.items, values.clients, values.claims, values.seconds, values.port].map(Number);
  const origin = `http://127.0.0.1:${port}`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "srt-bench-claim-http-"));
  const file = path.join(dir, "bench.db");
  let server: ChildProcess | null = null;
  let ok = true;
  try {
    let t = performance.now();
    const { projectId, users } = await seed(file, items, clients);
    console.log(`seeded ${items} DRAFT items and ${clients} annotators in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    t = performance.now();
    server = await startNextServer(port, serverEnv(dir, file), "health");
    console.log(`next start on ${origin} ready in ${((performance.now() - t) / 1000).toFixed(1)} s (${process.env.NEXT_DIST_DIR || ".next"})`);
    const cookies = await Promise.all(users.map((u) => signIn(origin, u.email, PASSWORD)));
    console.log(`${clients} annotators signed in`);

    // The bench's own connection, to mark claimed items finished (untimed); waits its turn for the write lock.
    const sqlite = new Database(file);
    sqlite.pragma("busy_timeout = 10000");
    const finish = sqlite.prepare(`UPDATE "Item" SET status = 'SUBMITTED', leaseExpiresAt = NULL WHERE id = ? AND assigneeId = ?`);
    const claim = async (cookie: string) => {
      const response = await fetch(`${origin}/api/items/claim`, { method: "POST", headers: { "content-type": "application/json", cookie }, body: JSON.stringify({ projectId }) });
      const body = (await response.json()) as { itemId?: string | null; error?: string };
      if (!response.ok) throw new Error(`${response.status} ${body.error ?? ""}`);
      return body.itemId ?? null;
    };
    // Warm-up (compiles nothing in production, but opens connections and fills caches): one claim each, not counted.
    await Promise.all(users.map(async (u, i) => {
      const itemId = await claim(cookies[i]);
      if (itemId) finish.run(itemId, u.id);
    }));

    const loop = async (index: number, interval: number, deadline: number): Promise<Report> => {
      const report: Report = { latencies: [], itemIds: [], errors: [] };
      // Paced clients start at random offsets, so they do not all fire in the same millisecond.
      if (interval > 0) await sleep(Math.random() * interval);
      for (let i = 0; i < claims && Date.now() < deadline; i++) {
        const start = performance.now();
        try {
          const itemId = await claim(cookies[index]);
          report.latencies.push(performance.now() - start);
          if (!itemId) break;
          report.itemIds.push(itemId);
          finish.run(itemId, users[index].id);
        } catch (error) {
          report.errors.push(String(error).slice(0, 300));
        }
        if (interval > 0) await sleep(Math.max(0, interval - (performance.now() - start)));
      }
      return report;
    };

    const all: Report[] = [];
    for (const [name, interval] of [["saturated", 0], ["paced", Number(values.interval)]] as const) {
      const t0 = performance.now();
      const reports = await Promise.all(users.map((_, i) => loop(i, interval, Date.now() + seconds * 1000)));
      const wall = (performance.now() - t0) / 1000;
      const latencies = reports.flatMap((r) => r.latencies).sort((a, b) => a - b);
      const claimed = reports.flatMap((r) => r.itemIds);
      const errors = reports.flatMap((r) => r.errors);
      const ms = (p: number) => percentile(latencies, p).toFixed(1);
      console.log(
        `${name.padEnd(9)} ${String(claimed.length).padStart(4)} claims in ${wall.toFixed(1).padStart(4)} s | ` +
          `p50 ${ms(50)} ms  p95 ${ms(95)} ms  p99 ${ms(99)} ms  max ${latencies.length ? latencies[latencies.length - 1].toFixed(1) : "NaN"} ms | ` +
          `${(claimed.length / wall).toFixed(0)} claims/s | double claims ${claimed.length - new Set(claimed).size}` +
          (interval > 0 ? ` | one claim per ${interval} ms per client` : "") +
          (errors.length > 0 ? ` | errors ${errors.length}: ${errors[0]}` : ""),
      );
      all.push(...reports);
    }

    // Across both scenarios items only go DRAFT → claimed → SUBMITTED, so an item claimed twice was handed out twice.
    const claimed = all.flatMap((r) => r.itemIds);
    const doubles = claimed.length - new Set(claimed).size;
    // Every claimed item must be assigned to the client that got it.
    const owner = sqlite.prepare(`SELECT assigneeId FROM "Item" WHERE id = ?`);
    const misassigned = all.reduce((n, r, i) => n + r.itemIds.filter((id) => (owner.get(id) as { assigneeId: string | null }).assigneeId !== users[i % clients].id).length, 0);
    sqlite.close();
    const errors = all.flatMap((r) => r.errors);
    console.log(`${clients} clients, ${items} items: ${claimed.length} claims in all, double claims ${doubles}, misassigned ${misassigned}, errors ${errors.length}`);
    console.log(`${os.cpus().length} CPUs, load ${os.loadavg().map((l) => l.toFixed(1)).join(" ")}`);
    ok = doubles === 0 && misassigned === 0 && errors.length === 0;
  } finally {
    if (server) stopNextServer(server);
    if (values.keep) console.log(`kept ${file}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
  if (!ok) process.exitCode = 1;
}

await main();
