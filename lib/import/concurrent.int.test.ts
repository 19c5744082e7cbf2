// SQLite write discipline under load: `srt import` of a large manifest (another process) while this
// process writes like the web app does (claims, leases, project and token updates, uploads' inserts).
// A transaction that reads and then writes without taking the write lock first fails with SQLITE_BUSY
// when another connection wrote in between; every such transaction locks first, so no line may fail.
// The import's own concurrent lines share one connection: a line's read must not slip into another
// line's open transaction before its lock (lib/db/sqlite-serial.ts), or that lock fails at once.
import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken, revokeApiToken } from "../auth/tokens";
import { createUser, updateUser } from "../auth/users";
import { patternImage } from "../images/test-images";
import { addMember, createProject, updateProject } from "../projects/projects";
import { claimNextItem } from "../queue/claim";
import { releaseClaim } from "../queue/release";
import { createTestDb, testProvider, type TestDb } from "../testing/db";

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, "../..");
const LINES = Number(process.env.SRT_CONCURRENT_IMPORT_LINES ?? 2000);
const IMAGES = 20;

describe.skipIf(testProvider() !== "sqlite")("srt import while the web app writes (SQLite)", () => {
  let t: TestDb;
  let dir: string;

  beforeAll(async () => {
    t = await createTestDb();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "srt-concurrent-"));
    fs.mkdirSync(path.join(dir, "img"));
    for (let i = 0; i < IMAGES; i++) fs.writeFileSync(path.join(dir, "img", `${i}.png`), await patternImage(32, 24, 500 + i).png().toBuffer());
    const lines = Array.from({ length: LINES }, (_, n) =>
      JSON.stringify({ image: `img/${n % IMAGES}.png`, question: `Is shape ${n} visible?`, answer_type: "YES_NO", ground_truth: n % 2 ? "yes" : "no" }),
    );
    fs.writeFileSync(path.join(dir, "manifest.jsonl"), `${lines.join("\n")}\n`);
  }, 120_000);
  afterAll(async () => {
    await t?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it(`imports ${LINES} manifest lines with 0 failures while claims, saves and admin writes run`, { timeout: 600_000 }, async () => {
    const admin = await createUser(t.db, null, { email: "admin@load.test", name: "Admin", role: "ADMIN", password: "load-test-password" });
    const worker = await createUser(t.db, null, { email: "ann@load.test", name: "Ann", role: "ANNOTATOR", password: "load-test-password" });
    const project = await createProject(t.db, admin, { slug: "load", name: "Load" });
    await addMember(t.db, admin, { projectId: project.id, userId: worker.id });
    const other = await createProject(t.db, admin, { slug: "web", name: "Web" });

    let importing = true;
    const writes = { count: 0, failed: [] as string[] };
    const loop = async (name: string, write: (i: number) => Promise<unknown>) => {
      for (let i = 0; importing; i++) {
        // Yield to the event loop: SQLite calls complete synchronously, and the CLI's exit must be noticed.
        await new Promise((resolve) => setImmediate(resolve));
        try {
          await write(i);
          writes.count++;
        } catch (error) {
          writes.failed.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    };
    const user = { id: admin.id, email: admin.email, name: admin.name, role: "ADMIN" as const };
    const webWriters = [
      loop("claim", async () => {
        const claim = await claimNextItem(t.db, { projectId: project.id, userId: worker.id });
        if (claim) await releaseClaim(t.db, { itemId: claim.itemId, userId: worker.id, mode: "leave" });
      }),
      loop("project", (i) => updateProject(t.db, admin, { projectId: other.id, name: `Web ${i}` })),
      loop("user", (i) => updateUser(t.db, admin.id, { userId: worker.id, role: i % 2 ? "ANNOTATOR" : "REVIEWER" })),
      loop("token", async (i) => revokeApiToken(t.db, user, (await createApiToken(t.db, user, { name: `t${i}` })).id)),
    ];

    const url = `file:${(t.config as { file: string }).file}`;
    const started = Date.now();
    const cli = run(process.execPath, [path.join(repoRoot, "bin/srt.mjs"), "import", "--project", "load", path.join(dir, "manifest.jsonl"), "--concurrency", "4"], {
      cwd: repoRoot,
      env: { ...process.env, DATABASE_URL: url, STORAGE_DRIVER: "local", STORAGE_DIR: path.join(dir, "assets") },
      maxBuffer: 64 * 1024 * 1024,
    }).then(
      (out) => ({ code: 0, ...out }),
      (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
    );
    const result = await cli.finally(() => {
      importing = false;
    });
    await Promise.all(webWriters);
    console.log(`srt import: ${LINES} lines in ${((Date.now() - started) / 1000).toFixed(1)} s against ${writes.count} concurrent web writes`);

    expect(result.stderr).not.toMatch(/not imported|timed out|SQLITE_BUSY|database is locked/i);
    expect(result.code).toBe(0);
    expect(await t.db.item.count({ where: { projectId: project.id } })).toBe(LINES);
    expect(writes.failed.slice(0, 5)).toEqual([]);
    expect(writes.count).toBeGreaterThan(0);
  });
});
