// The quality dashboard's server time on a large project: 100k items, 300k reviews (three reviewers per
// item), 200k follow-ups and the audit trail their lifecycle leaves (create, submit, status change), written
// directly through better-sqlite3 in one transaction, rows exactly as Prisma writes them; then the
// dashboard's per-day figures are backfilled as the quality_figures migration does.
//   npx tsx --import ./bin/server-runtime.mjs bench/dashboard.ts [--items 100000] [--runs 7]
// Prints the median (and min/max) of loadQualityDashboard per filter set; exits 1 when a median exceeds 500 ms.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { createDb } from "../lib/db/client";
import { applyMigrations } from "../lib/db/migrate";
import { loadQualityDashboard } from "../lib/quality/dashboard";
import { reviewerAgreement } from "../lib/quality/dashboard/agreement";
import { annotatorFigures } from "../lib/quality/dashboard/annotators";
import { rubricMeans } from "../lib/quality/dashboard/rubric";
import { statusOverTime } from "../lib/quality/dashboard/status-over-time";
import { followUpsPerTactic } from "../lib/quality/dashboard/tactics";
import { rebuildQualityFigures } from "../lib/quality/figures/backfill";
import { goldAccuracy } from "../lib/quality/gold-accuracy";
import { parseQualityFilters } from "../lib/quality/filters";

const { values } = parseArgs({ options: { items: { type: "string", default: "100000" }, runs: { type: "string", default: "7" }, budget: { type: "string", default: "500" } } });
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

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "srt-bench-dashboard-"));
const file = path.join(dir, "bench.db");
try {
  const t0 = performance.now();
  const { projectId, reviews, events } = await seed(file);
  console.log(`seeded ${ITEMS} items, ${reviews} reviews, ${2 * ITEMS} follow-ups, ${events} audit events in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const db = createDb({ provider: "sqlite", file });
  // The seed writes rows directly, past the code that keeps the dashboard's figures: compute them as the
  // quality_figures migration does for existing data.
  const t1 = performance.now();
  await rebuildQualityFigures(db);
  console.log(`figures backfilled in ${((performance.now() - t1) / 1000).toFixed(1)} s (${await db.qualityFigure.count()} rows)`);
  const today = new Date();
  const ago = (days: number) => new Date(today.getTime() - days * DAY_MS).toISOString().slice(0, 10);
  const cases: Array<[string, Record<string, string>]> = [
    ["all time", {}],
    ["last 30 days", { from: ago(29) }],
    ["one annotator, last 30 days", { from: ago(29), user: (await db.user.findFirstOrThrow({ where: { role: "ANNOTATOR" } })).id }],
  ];
  let failed = false;
  for (const [label, params] of cases) {
    const filters = parseQualityFilters(params);
    await loadQualityDashboard(db, projectId, filters); // warm-up
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      const s = performance.now();
      await loadQualityDashboard(db, projectId, filters);
      times.push(performance.now() - s);
    }
    times.sort((a, b) => a - b);
    const median = times[Math.floor(times.length / 2)];
    failed ||= median > Number(values.budget);
    console.log(`${label.padEnd(30)} median ${median.toFixed(0)} ms (min ${times[0].toFixed(0)}, max ${times[times.length - 1].toFixed(0)}, ${RUNS} runs)`);
    // Each query alone (on SQLite the page's time is their sum: the driver is synchronous).
    const queries: Array<[string, () => Promise<unknown>]> = [
      ["status over time", () => statusOverTime(db, projectId, filters)],
      ["annotators", () => annotatorFigures(db, projectId, filters)],
      ["rubric", () => rubricMeans(db, projectId, filters)],
      ["gold", () => goldAccuracy(db, projectId, filters)],
      ["agreement", () => reviewerAgreement(db, projectId, filters)],
      ["tactics", () => followUpsPerTactic(db, projectId, filters)],
    ];
    const parts: string[] = [];
    for (const [name, run] of queries) {
      const qt: number[] = [];
      for (let i = 0; i < Math.min(RUNS, 3); i++) {
        const s = performance.now();
        await run();
        qt.push(performance.now() - s);
      }
      qt.sort((a, b) => a - b);
      parts.push(`${name} ${qt[Math.floor(qt.length / 2)].toFixed(0)}`);
    }
    console.log(`${"".padEnd(30)} ${parts.join(", ")} ms`);
  }
  await db.$disconnect();
  process.exitCode = failed ? 1 : 0;
} finally {
  if (!process.env.KEEP) fs.rmSync(dir, { recursive: true, force: true });
  else console.log(file);
}
