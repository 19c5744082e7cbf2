// The quality dashboard's server time on a large project: 100k items, 300k reviews (three reviewers per
// item), 200k follow-ups and the audit trail their lifecycle leaves (create, submit, status change), written
// directly through better-sqlite3 in one transaction, rows exactly as Prisma writes them; then the
// dashboard's per-day figures are backfilled as the quality_figures migration does.
//   npx tsx --import ./bin/server-runtime.mjs bench/dashboard.ts [--items 100000] [--runs 7] [--before]
// Prints the median (and min/max) wall and CPU time of loadQualityDashboard per filter set, and of each
// query (with --before also of the queries as they were before the QualityFigure rows, on the same data);
// exits 1 when a page's median wall time exceeds 500 ms. KEEP=1 keeps the database; --db <file> reuses it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { createDb } from "../lib/db/client";
import { applyMigrations } from "../lib/db/migrate";
import { loadQualityDashboard } from "../lib/quality/dashboard";
import { reviewerAgreement as agreementBefore } from "../lib/quality/dashboard/reference/agreement";
import { annotatorFigures as annotatorsBefore } from "../lib/quality/dashboard/reference/annotators";
import { rubricMeans as rubricBefore } from "../lib/quality/dashboard/reference/rubric";
import { statusOverTime as statusBefore } from "../lib/quality/dashboard/reference/status-over-time";
import { followUpsPerTactic as tacticsBefore } from "../lib/quality/dashboard/reference/tactics";
import { reviewerAgreement } from "../lib/quality/dashboard/agreement";
import { annotatorFigures } from "../lib/quality/dashboard/annotators";
import { rubricMeans } from "../lib/quality/dashboard/rubric";
import { statusOverTime } from "../lib/quality/dashboard/status-over-time";
import { followUpsPerTactic } from "../lib/quality/dashboard/tactics";
import { rebuildQualityFigures } from "../lib/quality/figures/backfill";
import { goldAccuracy } from "../lib/quality/gold-accuracy";
import { parseQualityFilters } from "../lib/quality/filters";

const { values } = parseArgs({ options: { items: { type: "string", default: "100000" }, runs: { type: "string", default: "7" }, budget: { type: "string", default: "500" }, before: { type: "boolean", default: false }, db: { type: "string" } } });
const ITEMS = Number(values.items);
const RUNS = Number(values.runs);
const ANNOTATORS = 20;
const REVIEWERS = 10;
const DAYS = 90;
const DAY_MS = 24 * 60 * 60 * 1000;
const DECISIONS = ["APPROVE", "APPROVE", "APPROVE", "REQUEST_CHANGES", "REJECT"];
const TACTICS = ["PLAIN_ASSERTION", "AUTHORITY", "CONFIDENCE", "SOCIAL_PROOF", "EMOTIONAL", "LEADING_QUESTION"];

async function seed(file: string) {
  await applyMigrations({ provider: "sqlite", file });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  const stamp = (t: number) => new Date(t).toISOString().replace("Z", "+00:00");
  const now = Date.now();
  const start = now - DAYS * DAY_MS;
  let seq = 0;
  const id = (t: number) => `c${Math.floor(t).toString(36).padStart(8, "0")}${(seq++).toString(36).padStart(7, "0")}b`;
  const projectId = id(start - 3);
  const assetId = id(start - 2);
  const annotators = Array.from({ length: ANNOTATORS }, () => id(start - 1));
  const reviewers = Array.from({ length: REVIEWERS }, () => id(start - 1));
  let random = 42;
  const rand = () => ((random = (random * 1103515245 + 12345) % 2147483648) / 2147483648);
  let reviews = 0;
  let events = 0;
  sqlite.transaction(() => {
    const nowStamp = stamp(now);
    sqlite.prepare(`INSERT INTO "Project" (id, name, slug, settings, createdAt, updatedAt) VALUES (?, 'bench', 'bench', '{}', ?, ?)`).run(projectId, nowStamp, nowStamp);
    sqlite
      .prepare(`INSERT INTO "Asset" (id, projectId, sha256, phash, width, height, mime, bytes, storageKey, displayKey, thumbnailKey, originalFilename, createdAt) VALUES (?, ?, ?, ?, 1, 1, 'image/png', 1, 'o', 'd', 't', 'x.png', ?)`)
      .run(assetId, projectId, "0".repeat(64), "0".repeat(16), nowStamp);
    const user = sqlite.prepare(`INSERT INTO "User" (id, email, name, role, disabled, createdAt, updatedAt) VALUES (?, ?, ?, ?, 0, ?, ?)`);
    annotators.forEach((u, i) => user.run(u, `a${i}@bench.test`, `annotator ${i}`, "ANNOTATOR", nowStamp, nowStamp));
    reviewers.forEach((u, i) => user.run(u, `r${i}@bench.test`, `reviewer ${i}`, "REVIEWER", nowStamp, nowStamp));
    const item = sqlite.prepare(
      `INSERT INTO "Item" (id, projectId, assetId, question, answerType, options, groundTruth, caption, status, version, isGold, lintWarnings, submittedById, createdAt, updatedAt)
       VALUES (?, ?, ?, ?, 'NUMBER', '[]', '3', '', ?, 2, 0, ?, ?, ?, ?)`,
    );
    const followUp = sqlite.prepare(`INSERT INTO "FollowUp" (id, itemId, kind, position, tactic, authorId, version, createdAt, updatedAt) VALUES (?, ?, ?, 0, ?, ?, 1, ?, ?)`);
    const review = sqlite.prepare(
      `INSERT INTO "Review" (id, itemId, reviewerId, visualGrounding, verdictCorrectness, reasoningConsistency, tone, answerCorrectness, decision, comment, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?)`,
    );
    const audit = sqlite.prepare(`INSERT INTO "AuditEvent" (id, actorId, projectId, at, entity, entityId, action, before, after) VALUES (?, ?, ?, ?, 'Item', ?, ?, ?, ?)`);
    for (let n = 0; n < ITEMS; n++) {
      const created = start + (n / ITEMS) * (DAYS - 2) * DAY_MS;
      const submitted = created + DAY_MS * rand();
      const reviewedAt = submitted + DAY_MS * rand();
      const itemId = id(created);
      const annotator = annotators[n % ANNOTATORS];
      const warnings = rand() < 0.2 ? 1 : 0;
      const quality = 2 + Math.floor(rand() * 4);
      const votes = [0, 1, 2].map(() => DECISIONS[Math.floor(rand() * DECISIONS.length)]);
      const final = votes.filter((v) => v === "APPROVE").length >= 2 ? "APPROVED" : votes.includes("REJECT") ? "REJECTED" : "CHANGES_REQUESTED";
      item.run(itemId, projectId, assetId, `How many cats are in picture ${n}?`, final, warnings, annotator, stamp(created), stamp(reviewedAt));
      for (const kind of ["MISLEADING", "CORRECTIVE"]) followUp.run(id(created), itemId, kind, TACTICS[Math.floor(rand() * TACTICS.length)], annotator, stamp(created), stamp(created));
      audit.run(id(created), annotator, projectId, stamp(created), itemId, "create", null, null);
      audit.run(id(submitted), annotator, projectId, stamp(submitted), itemId, "submit", JSON.stringify({ status: "DRAFT" }), JSON.stringify({ status: "SUBMITTED", lintWarnings: warnings }));
      const first = n % REVIEWERS;
      votes.forEach((decision, k) => {
        const at = reviewedAt + k * 60_000;
        const score = () => Math.max(1, Math.min(5, quality + Math.round(rand() * 2 - 1)));
        review.run(id(at), itemId, reviewers[(first + k * 3) % REVIEWERS], score(), score(), score(), score(), score(), decision, stamp(at));
        reviews++;
      });
      audit.run(id(reviewedAt), reviewers[first], projectId, stamp(reviewedAt + 180_000), itemId, "status", JSON.stringify({ status: "SUBMITTED" }), JSON.stringify({ status: final }));
      events += 3;
    }
  })();
  sqlite.pragma("optimize");
  sqlite.close();
  return { projectId, reviews, events };
}

// --db reuses a database an earlier run kept (KEEP=1): no seeding.
const dir = values.db ? path.dirname(values.db) : fs.mkdtempSync(path.join(os.tmpdir(), "srt-bench-dashboard-"));
const file = values.db ?? path.join(dir, "bench.db");
try {
  let projectId: string;
  if (values.db) projectId = (await createDb({ provider: "sqlite", file }).project.findFirstOrThrow()).id;
  else {
    const t0 = performance.now();
    const seeded = await seed(file);
    projectId = seeded.projectId;
    console.log(`seeded ${ITEMS} items, ${seeded.reviews} reviews, ${2 * ITEMS} follow-ups, ${seeded.events} audit events in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  const db = createDb({ provider: "sqlite", file });
  if (!values.db) {
    // The seed writes rows directly, past the code that keeps the dashboard's figures: compute them as the
    // quality_figures migration does for existing data.
    const t1 = performance.now();
    await rebuildQualityFigures(db);
    console.log(`figures backfilled in ${((performance.now() - t1) / 1000).toFixed(1)} s (${await db.qualityFigure.count()} rows)`);
  }
  const today = new Date();
  const ago = (days: number) => new Date(today.getTime() - days * DAY_MS).toISOString().slice(0, 10);
  const cases: Array<[string, Record<string, string>]> = [
    ["all time", {}],
    ["last 30 days", { from: ago(29) }],
    ["one annotator, last 30 days", { from: ago(29), user: (await db.user.findFirstOrThrow({ where: { role: "ANNOTATOR" } })).id }],
  ];
  // Wall time and the process's CPU time of each run: on a shared, loaded machine the wall time mostly
  // measures waiting for a core; the CPU time is what the page costs the server.
  const measure = async (run: () => Promise<unknown>, runs: number) => {
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < runs; i++) {
      const s = performance.now();
      const c = process.cpuUsage();
      await run();
      const u = process.cpuUsage(c);
      wall.push(performance.now() - s);
      cpu.push((u.user + u.system) / 1000);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    return { wall: median(wall), cpu: median(cpu), min: Math.min(...wall), max: Math.max(...wall) };
  };
  let failed = false;
  for (const [label, params] of cases) {
    const filters = parseQualityFilters(params);
    await loadQualityDashboard(db, projectId, filters); // warm-up
    const page = await measure(() => loadQualityDashboard(db, projectId, filters), RUNS);
    failed ||= page.wall > Number(values.budget);
    console.log(`${label.padEnd(30)} median ${page.wall.toFixed(0)} ms, cpu ${page.cpu.toFixed(0)} ms (min ${page.min.toFixed(0)}, max ${page.max.toFixed(0)}, ${RUNS} runs)`);
    // Each query alone (on SQLite the page's time is their sum: the driver is synchronous), then the same
    // queries as they were before the QualityFigure rows (reference/, scanning reviews and the audit log).
    const current: Array<[string, () => Promise<unknown>]> = [
      ["status over time", () => statusOverTime(db, projectId, filters)],
      ["annotators", () => annotatorFigures(db, projectId, filters)],
      ["rubric", () => rubricMeans(db, projectId, filters)],
      ["gold", () => goldAccuracy(db, projectId, filters)],
      ["agreement", () => reviewerAgreement(db, projectId, filters)],
      ["tactics", () => followUpsPerTactic(db, projectId, filters)],
    ];
    const before: Array<[string, () => Promise<unknown>]> = [
      ["status over time", () => statusBefore(db, projectId, filters)],
      ["annotators", () => annotatorsBefore(db, projectId, filters)],
      ["rubric", () => rubricBefore(db, projectId, filters)],
      ["gold", () => goldAccuracy(db, projectId, filters)],
      ["agreement", () => agreementBefore(db, projectId, filters)],
      ["tactics", () => tacticsBefore(db, projectId, filters)],
    ];
    for (const [name, queries] of [["now", current], ["before", before]] as const) {
      if (name === "before" && !values.before) continue;
      const parts: string[] = [];
      let wall = 0;
      let cpu = 0;
      for (const [query, run] of queries) {
        const m = await measure(run, Math.min(RUNS, 3));
        wall += m.wall;
        cpu += m.cpu;
        parts.push(`${query} ${m.wall.toFixed(0)}/${m.cpu.toFixed(0)}`);
      }
      console.log(`${"".padEnd(4)}${name.padEnd(7)} sum ${wall.toFixed(0)}/${cpu.toFixed(0)} ms wall/cpu: ${parts.join(", ")}`);
    }
  }
  await db.$disconnect();
  process.exitCode = failed ? 1 : 0;
} finally {
  if (!process.env.KEEP && !values.db) fs.rmSync(dir, { recursive: true, force: true });
  else console.log(file);
}
