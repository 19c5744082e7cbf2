// Statements made outside an open interactive transaction must not run inside it (SQLite: one connection
// per client). Before lib/db/sqlite-serial.ts they did: a write was rolled back with someone else's
// transaction, and a read landing before lockForWriting made it fail at once with SQLITE_BUSY.
import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../auth/users";
import { addMember, createProject } from "../projects/projects";
import { createTestDb, testProvider, type TestDb } from "../testing/db";
import { isSqliteBusy, lockForWriting, providerOf } from "./provider";

const HOLD_WRITE_LOCK = `const db = new (require("better-sqlite3"))(process.argv[1]);
db.prepare("BEGIN IMMEDIATE").run();
process.stdout.write("locked\\n");
setTimeout(() => { db.prepare("COMMIT").run(); db.close(); }, 1500);`;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.skipIf(testProvider() !== "sqlite")("one SQLite connection shared by transactions and other statements", () => {
  let t: TestDb;
  let projectId: string;
  beforeAll(async () => {
    t = await createTestDb();
    const admin = await createUser(t.db, null, { email: "admin@serial.test", name: "Admin", role: "ADMIN", password: "serial-test-password" });
    projectId = (await createProject(t.db, admin, { slug: "serial", name: "Serial" })).id;
  });
  afterAll(() => t?.drop());

  it("a write made while another transaction is open is not rolled back with it", async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const doomed = t.db
      .$transaction(async (tx) => {
        await lockForWriting(tx, providerOf(t.db));
        await gate;
        throw new Error("rolled back");
      })
      .catch((error: Error) => error.message);
    await pause(20);
    const outside = t.db.project.update({ where: { id: projectId }, data: { name: "Written outside" } });
    release();
    await outside;
    expect(await doomed).toBe("rolled back");
    expect((await t.db.project.findUniqueOrThrow({ where: { id: projectId } })).name).toBe("Written outside");
  });

  it("a transaction that locks first waits for another process's write lock, even when a read comes in between", async () => {
    // Another process holds the write lock for 1.5 s (in this one, SQLite's busy wait would block the timer):
    // "locked" may reach this process late on a loaded machine, and the lock must still be held by then.
    const holder = spawn(process.execPath, ["-e", HOLD_WRITE_LOCK, (t.config as { file: string }).file], { cwd: path.resolve(import.meta.dirname, "../..") });
    await new Promise((resolve) => holder.stdout.once("data", resolve));
    const started = Date.now();
    const locked = t.db.$transaction(async (tx) => {
      await pause(30); // the read below is issued while this transaction is open, before it locks
      await lockForWriting(tx, providerOf(t.db));
      return tx.project.update({ where: { id: projectId }, data: { name: "After the wait" } });
    });
    await pause(5);
    expect(await t.db.project.count()).toBe(1);
    expect((await locked).name).toBe("After the wait");
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    await new Promise((resolve) => holder.once("exit", resolve));
  });

  it("adding a member waits for another process's write lock: Prisma's upsert reads before it writes", async () => {
    // Without the lock first, the upsert's SELECT made the transaction a reader, and its INSERT then failed
    // at once with SQLITE_BUSY (a reader cannot wait for the write lock): an import's busy failure seen once.
    const member = await createUser(t.db, null, { email: "member@serial.test", name: "Member", role: "ANNOTATOR", password: "serial-test-password" });
    const holder = spawn(process.execPath, ["-e", HOLD_WRITE_LOCK, (t.config as { file: string }).file], { cwd: path.resolve(import.meta.dirname, "../..") });
    await new Promise((resolve) => holder.stdout.once("data", resolve));
    const started = Date.now();
    await addMember(t.db, { id: member.id }, { projectId, userId: member.id });
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
    expect(await t.db.projectMember.count({ where: { projectId, userId: member.id } })).toBe(1);
    await new Promise((resolve) => holder.once("exit", resolve));
  });

  it("a transaction that reads, then writes without the lock fails at once, with an error isSqliteBusy knows", async () => {
    // What the import's per-line retry (lib/import/manifest.ts) must recognise: Prisma reports it as P1008.
    const holder = spawn(process.execPath, ["-e", HOLD_WRITE_LOCK, (t.config as { file: string }).file], { cwd: path.resolve(import.meta.dirname, "../..") });
    await new Promise((resolve) => holder.stdout.once("data", resolve));
    const error = await t.db
      .$transaction(async (tx) => {
        await tx.project.findUniqueOrThrow({ where: { id: projectId } });
        await tx.project.update({ where: { id: projectId }, data: { name: "Never" } });
      })
      .then(() => null, (e: unknown) => e);
    expect(isSqliteBusy(error)).toBe(true);
    await new Promise((resolve) => holder.once("exit", resolve));
  });
});
