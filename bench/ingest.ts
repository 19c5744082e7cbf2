// Image ingest throughput and memory: `npx tsx --import ./bin/server-runtime.mjs bench/ingest.ts [N]` (default 30 images).
// Generates N real-size images (1–12 MP; mostly JPEG, some PNG, some EXIF-rotated; shapes, gradients
// and grain so the codecs do real work), then, in separate child processes (each with its own peak
// RSS), 3 runs each of:
//   raw    — the bare limit: read file → decode → orient → resize to 2048 → WebP, plus the 256 px WebP
//            thumbnail from the same decoded pixels, with sharp in a loop at the same concurrency;
//   ingest — the real path: importFolder (validation, sha256, pHash, derivatives, local storage,
//            duplicate and near-duplicate checks, SQLite rows and audit events).
// Prints per-run figures and the medians, and the ratio ingest / raw. Flags: --keep (keep the data).
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const self = fileURLToPath(import.meta.url);
const RUNS = 3;

interface Measure {
  images: number;
  seconds: number;
  cpuSeconds: number;
  maxRssMb: number;
}

async function generate(dir: string, count: number) {
  const { sharp } = await import("../lib/images/sharp");
  const { patternPixels } = await import("../lib/images/test-images");
  fs.mkdirSync(dir, { recursive: true });
  const aspects = [4 / 3, 3 / 2, 16 / 9, 1, 3 / 4];
  let bytes = 0;
  for (let i = 0; i < count; i++) {
    const megapixels = 1 + (11 * i) / Math.max(1, count - 1);
    const aspect = aspects[i % aspects.length];
    const width = Math.round(Math.sqrt(megapixels * 1e6 * aspect));
    const height = Math.round((megapixels * 1e6) / width);
    const image = sharp(patternPixels(width, height, 1000 + i), { raw: { width, height, channels: 3 } });
    const png = i % 5 === 4;
    const buffer = png
      ? await image.png({ compressionLevel: 6 }).toBuffer()
      : await image.jpeg({ quality: 88 }).withMetadata(i % 7 === 3 ? { orientation: 6 } : {}).toBuffer();
    fs.writeFileSync(path.join(dir, `img-${String(i).padStart(4, "0")}.${png ? "png" : "jpg"}`), buffer);
    bytes += buffer.length;
  }
  return bytes;
}

/** The bare sharp work, mirroring the pipeline's derivatives (one decode, two WebP encodes). */
async function rawWorker(dir: string, concurrency: number): Promise<number> {
  const { sharp } = await import("../lib/images/sharp");
  const { runPool } = await import("../lib/import/pool");
  const { DISPLAY_MAX_SIDE, DISPLAY_WEBP_OPTIONS, THUMBNAIL_MAX_SIDE, THUMBNAIL_WEBP_OPTIONS } = await import("../lib/images/limits");
  const files = fs.readdirSync(dir).sort();
  let done = 0;
  await runPool(files, concurrency, async (file) => {
    const buffer = await fs.promises.readFile(path.join(dir, file));
    const decoded = await sharp(buffer)
      .rotate()
      .resize({ width: DISPLAY_MAX_SIDE, height: DISPLAY_MAX_SIDE, fit: "inside", withoutEnlargement: true })
      .toColourspace("srgb")
      .raw()
      .toBuffer({ resolveWithObject: true });
    const raw = { width: decoded.info.width, height: decoded.info.height, channels: decoded.info.channels };
    await Promise.all([
      sharp(decoded.data, { raw }).webp(DISPLAY_WEBP_OPTIONS).toBuffer(),
      sharp(decoded.data, { raw }).resize({ width: THUMBNAIL_MAX_SIDE, height: THUMBNAIL_MAX_SIDE, fit: "inside" }).webp(THUMBNAIL_WEBP_OPTIONS).toBuffer(),
    ]);
    done++;
  });
  return done;
}

/** A fresh migrated SQLite file with one project, made by the parent so the worker's RSS is the CLI's. */
async function prepareDatabase(work: string): Promise<string> {
  const { applyMigrations } = await import("../lib/db/migrate");
  const { createDb } = await import("../lib/db/client");
  const config = { provider: "sqlite" as const, file: path.join(work, "bench.db") };
  await applyMigrations(config);
  const db = createDb(config);
  await db.project.create({ data: { name: "bench", slug: "bench", settings: {} } });
  await db.$disconnect();
  return config.file;
}

async function ingestWorker(dir: string, concurrency: number, work: string): Promise<() => Promise<number>> {
  const { createDb } = await import("../lib/db/client");
  const { LocalStorage } = await import("../lib/storage/local");
  const { importFolder } = await import("../lib/import/folder");
  const db = createDb({ provider: "sqlite", file: path.join(work, "bench.db") });
  const project = await db.project.findUniqueOrThrow({ where: { slug: "bench" } });
  return async () => {
    const report = await importFolder(db, new LocalStorage(path.join(work, "assets")), { projectId: project.id, folder: dir, concurrency, collectResults: false });
    if (report.failedLines.length > 0) throw new Error(`ingest failures: ${report.failedLines.map((f) => f.error).join("; ")}`);
    await db.$disconnect();
    return report.imported;
  };
}

async function worker(mode: string, dir: string, concurrency: number, work: string) {
  const run = mode === "raw" ? () => rawWorker(dir, concurrency) : await ingestWorker(dir, concurrency, work);
  const cpu = process.cpuUsage();
  const started = performance.now();
  const images = await run();
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const result: Measure = { images, seconds, cpuSeconds: (used.user + used.system) / 1e6, maxRssMb: process.resourceUsage().maxRSS / 1024 };
  process.stdout.write(JSON.stringify(result));
}

/** Makes `import "server-only"` a no-op outside Next.js (see bin/server-runtime.mjs). */
const SERVER_RUNTIME = new URL("../bin/server-runtime.mjs", import.meta.url).href;

async function measure(mode: "raw" | "ingest", dir: string, concurrency: number): Promise<Measure> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "srt-bench-run-"));
  try {
    if (mode === "ingest") await prepareDatabase(work);
    const out = execFileSync(process.execPath, ["--import", "tsx", "--import", SERVER_RUNTIME, self, "--worker", mode, dir, String(concurrency), work], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    });
    return JSON.parse(out) as Measure;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

function table(rows: (string | number)[][]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows.map((r) => r.map((c, i) => String(c).padEnd(widths[i])).join("  ")).join("\n");
}

async function main() {
  const args = process.argv.slice(2);
  if (args[0] === "--worker") return worker(args[1], args[2], Number(args[3]), args[4]);
  const count = Number(args.find((a) => /^\d+$/.test(a)) ?? 30);
  const keep = args.includes("--keep");
  const concurrency = os.availableParallelism();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "srt-bench-images-"));
  try {
    const started = performance.now();
    const bytes = await generate(dir, count);
    console.log(`load average before: ${os.loadavg().map((l) => l.toFixed(1)).join(" ")} (other work on the machine skews both paths alike: runs alternate)`);
    console.log(`generated ${count} images (1–12 MP, ${(bytes / 1024 / 1024).toFixed(0)} MB) in ${((performance.now() - started) / 1000).toFixed(1)} s; concurrency ${concurrency}, ${os.cpus().length} CPUs`);
    const runs: Record<"raw" | "ingest", Measure[]> = { raw: [], ingest: [] };
    for (let i = 0; i < RUNS; i++) {
      for (const mode of ["raw", "ingest"] as const) {
        const m = await measure(mode, dir, concurrency);
        runs[mode].push(m);
        console.log(
          `  run ${i + 1} ${mode.padEnd(6)} ${(m.images / m.seconds).toFixed(2)} images/s, ${(m.cpuSeconds / m.seconds).toFixed(2)} cores busy, ` +
            `${(m.cpuSeconds / m.images).toFixed(3)} CPU s/image, peak RSS ${m.maxRssMb.toFixed(0)} MB, load ${os.loadavg()[0].toFixed(1)}`,
        );
      }
    }
    const summary = (mode: "raw" | "ingest") => {
      const rates = runs[mode].map((m) => m.images / m.seconds);
      return {
        rate: median(rates),
        cores: median(runs[mode].map((m) => m.cpuSeconds / m.seconds)),
        cpuPerImage: median(runs[mode].map((m) => m.cpuSeconds / m.images)),
        rss: median(runs[mode].map((m) => m.maxRssMb)),
        maxRss: Math.max(...runs[mode].map((m) => m.maxRssMb)),
      };
    };
    const raw = summary("raw");
    const ingest = summary("ingest");
    console.log(`\nmedians of ${RUNS} runs, ${count} images each:`);
    console.log(
      table([
        ["path", "images/s", "cores busy", "CPU s/image", "peak RSS (median / max)"],
        ["raw sharp loop", raw.rate.toFixed(2), raw.cores.toFixed(2), raw.cpuPerImage.toFixed(3), `${raw.rss.toFixed(0)} / ${raw.maxRss.toFixed(0)} MB`],
        ["ingest (real)", ingest.rate.toFixed(2), ingest.cores.toFixed(2), ingest.cpuPerImage.toFixed(3), `${ingest.rss.toFixed(0)} / ${ingest.maxRss.toFixed(0)} MB`],
        ["ingest / raw", `${((ingest.rate / raw.rate) * 100).toFixed(0)} %`, "", `${((ingest.cpuPerImage / raw.cpuPerImage) * 100).toFixed(0)} %`, ""],
      ]),
    );
  } finally {
    if (keep) console.log(`images kept in ${dir}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
