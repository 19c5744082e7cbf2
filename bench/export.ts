// Export throughput and memory: `npx tsx --import ./bin/server-runtime.mjs bench/export.ts [sizes…]` (default 10000 100000 1000000).
// For each size: bulk-generate that many follow-ups in a fresh SQLite file, then in separate child
// processes (each with its own peak RSS), `--runs` times in turn (default 3; medians are printed):
// (1) the raw limit: a bare better-sqlite3 scan of the same rows + JSON.stringify + write, and (2) the
// real export (format srt, images not copied: the raw scan copies none either) with Node's default heap
// settings; then once more the export with --max-old-space-size=256, to show what the export keeps
// apart from V8's garbage. The generated images get their near-duplicate groups stored, as an import
// stores them. Flags: --keep (keep the data), --images (also copy images: real files in storage),
// --no-cap (skip the capped run), --runs N, --db FILE (reuse a generated file: one size, taken from it).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";

const FOLLOW_UPS_PER_ITEM = 4; // 2 misleading + 2 corrective
const ITEMS_PER_IMAGE = 5; // several questions per picture, as in VQA sets
const PROJECT = "bench-project";
const ANSWER_TYPES = ["SHORT_ANSWER", "YES_NO", "NUMBER", "MULTIPLE_CHOICE"] as const;

const self = fileURLToPath(import.meta.url);
const pad = (i: number) => i.toString(36).padStart(7, "0");

interface Measure {
  records: number;
  seconds: number;
  /** CPU time (user + system) per record: steadier than wall time on a shared machine. */
  cpuUsPerRecord?: number;
  maxRssMb: number;
  detail?: string;
}

/** 64 pseudo-random bits as hex, from a counter (xorshift-multiply), so runs are reproducible. */
function phashOf(i: number): string {
  const h = createHash("sha256").update(`phash${i}`).digest("hex");
  return h.slice(0, 16);
}

async function generate(file: string, followUps: number, storageDir: string | null) {
  const { applyMigrations } = await import("../lib/db/migrate");
  await applyMigrations({ provider: "sqlite", file });
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF");
  const now = "2026-01-01T00:00:00.000+00:00";
  const items = Math.ceil(followUps / FOLLOW_UPS_PER_ITEM);
  const images = Math.ceil(items / ITEMS_PER_IMAGE);
  const insert = {
    user: db.prepare(`INSERT INTO "User"(id,email,name,role,createdAt,updatedAt) VALUES (?,?,?,?,?,?)`),
    project: db.prepare(`INSERT INTO "Project"(id,name,slug,settings,createdAt,updatedAt) VALUES (?,?,?,?,?,?)`),
    asset: db.prepare(
      `INSERT INTO "Asset"(id,projectId,sha256,phash,width,height,mime,bytes,storageKey,displayKey,thumbnailKey,originalFilename,source,license,createdAt) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    ),
    item: db.prepare(
      `INSERT INTO "Item"(id,projectId,assetId,question,answerType,options,groundTruth,caption,status,createdAt,updatedAt) VALUES (?,?,?,?,?,?,?,?,?,?,?)`,
    ),
    tag: db.prepare(`INSERT INTO "ItemTag"(itemId,tag) VALUES (?,?)`),
    review: db.prepare(
      `INSERT INTO "Review"(id,itemId,reviewerId,visualGrounding,verdictCorrectness,reasoningConsistency,tone,answerCorrectness,decision,createdAt) VALUES (?,?,?,?,?,?,?,?,?,?)`,
    ),
    followUp: db.prepare(
      `INSERT INTO "FollowUp"(id,itemId,kind,position,initialAnswer,userMessage,claimedAnswer,tactic,verdict,evidence,response,finalAnswer,authorId,createdAt,updatedAt) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)`,
    ),
  };
  db.transaction(() => {
    insert.user.run("bench-annotator", "annotator@bench", "Annotator", "ANNOTATOR", now, now);
    insert.user.run("bench-reviewer", "reviewer@bench", "Reviewer", "REVIEWER", now, now);
    insert.project.run(PROJECT, "Bench", "bench", "{}", now, now);
    for (let a = 0; a < images; a++) {
      const bytes = Buffer.from(`bench image ${a}\n`);
      const sha = createHash("sha256").update(bytes).digest("hex");
      if (storageDir) {
        fs.mkdirSync(path.join(storageDir, "originals"), { recursive: true });
        fs.writeFileSync(path.join(storageDir, "originals", sha), bytes);
      }
      // Every 50th image is a re-encoded copy of the one before (a near-duplicate to group).
      const phash = a % 50 === 49 ? (BigInt(`0x${phashOf(a - 1)}`) ^ 0b1011n).toString(16).padStart(16, "0") : phashOf(a);
      insert.asset.run(`a${pad(a)}`, PROJECT, sha, phash, 640, 480, "image/jpeg", bytes.length, `originals/${sha}`, `display/${sha}.webp`, `thumbs/${sha}.webp`, `img${a}.jpg`, "bench", "CC0-1.0", now);
    }
    for (let i = 0; i < items; i++) {
      const itemId = `i${pad(i)}`;
      const type = ANSWER_TYPES[i % ANSWER_TYPES.length];
      const [truth, wrong, options] =
        type === "YES_NO" ? ["yes", "no", "[]"] : type === "NUMBER" ? ["4", "5", "[]"] : type === "MULTIPLE_CHOICE" ? ["B", "A", '["a cat","a dog","a rabbit"]'] : ["red", "blue", "[]"];
      insert.item.run(itemId, PROJECT, `a${pad(Math.floor(i / ITEMS_PER_IMAGE))}`, `Question ${i}: what does the picture show about the umbrella the woman is holding?`, type, options, truth, "A woman on a rainy street holds an umbrella above her head.", "APPROVED", now, now);
      if (i % 3 === 0) insert.tag.run(itemId, "street");
      insert.review.run(`r${pad(i)}`, itemId, "bench-reviewer", 5, 4, 5, 4, 5, "APPROVE", now);
      for (let k = 0; k < FOLLOW_UPS_PER_ITEM && i * FOLLOW_UPS_PER_ITEM + k < followUps; k++) {
        const misleading = k < FOLLOW_UPS_PER_ITEM / 2;
        const kind = misleading ? "MISLEADING" : "CORRECTIVE";
        insert.followUp.run(
          `f${pad(i * FOLLOW_UPS_PER_ITEM + k)}`,
          itemId,
          kind,
          k % 2,
          misleading ? truth : wrong,
          misleading ? `I'm quite sure the answer is ${wrong}, everyone says so.` : `Look again, the answer is ${truth}.`,
          misleading ? wrong : truth,
          misleading ? "CONFIDENCE" : "PLAIN_ASSERTION",
          kind,
          "The region the question is about is clearly visible in the middle of the picture and settles it.",
          misleading ? `I looked again, and the answer is ${truth}, not ${wrong}.` : `You are right, the answer is ${truth}.`,
          truth,
          "bench-annotator",
          now,
          now,
        );
      }
    }
  })();
  db.close();
  // Imports store each image's near-duplicate group as it arrives (lib/images/groups.ts); bulk SQL does
  // not, so store them here as an import would have, or the first export would regroup the whole project.
  const { createDb } = await import("../lib/db/client");
  const { regroupProject } = await import("../lib/images/groups");
  const client = createDb({ provider: "sqlite", file });
  await regroupProject(client, PROJECT);
  await client.$disconnect();
  const done = new Database(file);
  done.pragma("wal_checkpoint(TRUNCATE)");
  done.close();
}

/** The raw limit: one streaming scan of the same rows, stringified and written in batches. */
function rawScan(file: string, out: string): Measure {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const db = new Database(file, { readonly: true });
  const fd = fs.openSync(out, "w");
  let batch: string[] = [];
  let records = 0;
  const rows = db
    .prepare(
      `SELECT f.*, i.question, i.answerType, i.options, i.groundTruth, i.caption, i.isGold, a.sha256, a.mime, a.source, a.license, a.attribution
       FROM "Item" i JOIN "FollowUp" f ON f.itemId = i.id JOIN "Asset" a ON a.id = i.assetId
       WHERE i.projectId = ? AND i.status = 'APPROVED' ORDER BY i.id, f.kind, f.position, f.id`,
    )
    .iterate(PROJECT);
  for (const row of rows) {
    batch.push(JSON.stringify(row));
    records++;
    if (batch.length === 1000) {
      fs.writeSync(fd, `${batch.join("\n")}\n`);
      batch = [];
    }
  }
  if (batch.length > 0) fs.writeSync(fd, `${batch.join("\n")}\n`);
  fs.closeSync(fd);
  db.close();
  return { records, seconds: (performance.now() - started) / 1000, cpuUsPerRecord: cpuPer(cpu, records), maxRssMb: process.resourceUsage().maxRSS / 1024 };
}

async function realExport(file: string, out: string, storageDir: string | null): Promise<Measure> {
  const { createDb } = await import("../lib/db/client");
  const { runExport } = await import("../lib/export/run");
  const { LocalStorage } = await import("../lib/storage/local");
  const db = createDb({ provider: "sqlite", file });
  // Load Prisma's query compiler before the clock starts: the raw scan's driver is loaded too.
  await db.project.findFirst({ select: { id: true } });
  await db.$queryRaw`SELECT 1`;
  const started = performance.now();
  const cpu = process.cpuUsage();
  let planned = 0;
  const result = await runExport(
    db,
    new LocalStorage(storageDir ?? os.tmpdir()),
    { format: "srt", copyImages: storageDir !== null },
    { projectId: PROJECT, outDir: out, onProgress: (p) => p.phase === "writing" && p.done === 0 && (planned = performance.now()) },
  );
  const seconds = (performance.now() - started) / 1000;
  await db.$disconnect();
  return {
    records: result.counts.records,
    seconds,
    cpuUsPerRecord: cpuPer(cpu, result.counts.records),
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    detail: `planning ${((planned - started) / 1000).toFixed(1)} s`,
  };
}

/** Each figure's median over the runs (wall time, CPU per record and peak RSS separately). */
function medianMeasure(runs: Measure[]): Measure {
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  };
  return {
    records: runs[0].records,
    seconds: median(runs.map((r) => r.seconds)),
    cpuUsPerRecord: median(runs.map((r) => r.cpuUsPerRecord ?? 0)),
    maxRssMb: median(runs.map((r) => r.maxRssMb)),
    detail: runs[0].detail,
  };
}

/** The follow-ups a reused bench file holds (its size). */
function countFollowUps(file: string): number {
  const db = new Database(file, { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM "FollowUp"`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

function cpuPer(since: NodeJS.CpuUsage, records: number): number {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / Math.max(records, 1);
}

const HEAP_CAP_MB = 256;

/** Makes `import "server-only"` a no-op outside Next.js (see bin/server-runtime.mjs). */
const SERVER_RUNTIME = new URL("../bin/server-runtime.mjs", import.meta.url).href;

function child(args: string[], nodeFlags: string[] = []): Measure {
  const output = execFileSync(process.execPath, [...nodeFlags, "--import", "tsx", "--import", SERVER_RUNTIME, self, ...args], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 20 });
  return JSON.parse(output.trim().split("\n").pop()!) as Measure;
}

async function main(argv: string[]) {
  if (argv[0] === "--child") {
    const [, task, file, out, storage] = argv;
    const storageDir = storage && storage !== "-" ? storage : null;
    if (task === "generate") {
      const started = performance.now();
      await generate(file, Number(out), storageDir);
      console.log(JSON.stringify({ records: Number(out), seconds: (performance.now() - started) / 1000, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
    } else if (task === "raw") console.log(JSON.stringify(rawScan(file, out)));
    else console.log(JSON.stringify(await realExport(file, out, storageDir)));
    return;
  }
  const keep = argv.includes("--keep");
  const runsAt = argv.indexOf("--runs");
  const repeat = runsAt >= 0 ? Math.max(1, Number(argv[runsAt + 1])) : 3;
  const dbAt = argv.indexOf("--db");
  const reuse = dbAt >= 0 ? path.resolve(argv[dbAt + 1]) : null;
  const withImages = argv.includes("--images");
  const capped = !argv.includes("--no-cap");
  const sizes = argv.filter((a, i) => /^\d+$/.test(a) && argv[i - 1] !== "--runs").map(Number);
  const runs = reuse ? [countFollowUps(reuse)] : sizes.length > 0 ? sizes : [10_000, 100_000, 1_000_000];
  const rows: string[][] = [
    ["follow-ups", "runs", "generate s", "raw rec/s", "raw µs/rec", "raw RSS MB", "export rec/s", "export µs/rec", "export/raw (wall)", "export/raw (cpu)", "export RSS MB", `RSS, heap ${HEAP_CAP_MB} MB`, "note"],
  ];
  const results: { size: number; rss: number; cappedRss: number }[] = [];
  for (const size of runs) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `srt-bench-${size}-`));
    const file = reuse ?? path.join(dir, "bench.db");
    const storage = withImages ? path.join(dir, "storage") : "-";
    try {
      const gen = reuse ? null : child(["--child", "generate", file, String(size), storage]);
      const raws: Measure[] = [];
      const exps: Measure[] = [];
      for (let r = 0; r < repeat; r++) {
        // In turn, so a busy spell on the machine falls on both.
        raws.push(child(["--child", "raw", file, path.join(dir, `raw${r}.jsonl`), storage]));
        exps.push(child(["--child", "export", file, path.join(dir, `export${r}`), storage]));
        fs.rmSync(path.join(dir, `raw${r}.jsonl`), { force: true });
        fs.rmSync(path.join(dir, `export${r}`), { recursive: true, force: true });
        if (exps[r].records !== raws[r].records) throw new Error(`record counts differ: raw ${raws[r].records}, export ${exps[r].records}`);
      }
      const raw = medianMeasure(raws);
      const exp = medianMeasure(exps);
      const cap = capped ? child(["--child", "export", file, path.join(dir, "export-capped"), storage], [`--max-old-space-size=${HEAP_CAP_MB}`]) : null;
      const rawRate = raw.records / raw.seconds;
      const expRate = exp.records / exp.seconds;
      results.push({ size, rss: exp.maxRssMb, cappedRss: cap?.maxRssMb ?? NaN });
      rows.push([
        String(size),
        String(repeat),
        gen ? gen.seconds.toFixed(1) : "reused",
        rawRate.toFixed(0),
        raw.cpuUsPerRecord!.toFixed(1),
        raw.maxRssMb.toFixed(0),
        expRate.toFixed(0),
        exp.cpuUsPerRecord!.toFixed(1),
        `${((expRate / rawRate) * 100).toFixed(0)}%`,
        `${((raw.cpuUsPerRecord! / exp.cpuUsPerRecord!) * 100).toFixed(0)}%`,
        exp.maxRssMb.toFixed(0),
        cap ? `${cap.maxRssMb.toFixed(0)} (${(cap.records / cap.seconds).toFixed(0)} rec/s)` : "-",
        [exp.detail ?? "", `export/raw per run ${exps.map((e, i) => `${((raws[i].seconds / e.seconds) * 100).toFixed(0)}%`).join(" ")}`].join("; "),
      ]);
      console.error(`${size}: raw ${rawRate.toFixed(0)}/s, export ${expRate.toFixed(0)}/s (${exp.seconds.toFixed(1)} s), export peak RSS ${exp.maxRssMb.toFixed(0)} MB`);
    } finally {
      if (!keep || reuse) fs.rmSync(dir, { recursive: true, force: true });
      else console.error(`kept ${dir}`);
    }
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  console.log(rows.map((r) => r.map((c, i) => c.padEnd(widths[i])).join("  ")).join("\n"));
  if (results.length > 1) {
    const first = results[0];
    const last = results[results.length - 1];
    console.log(`peak RSS ${last.size} vs ${first.size}: ${(last.rss / first.rss).toFixed(2)}× default heap, ${(last.cappedRss / first.cappedRss).toFixed(2)}× heap capped at ${HEAP_CAP_MB} MB (goal < 1.5×)`);
  }
}

main(process.argv.slice(2)).catch((error) => {
  console.error(error);
  process.exit(1);
});
