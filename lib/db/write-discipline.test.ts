// Every interactive transaction in lib/ and app/ that reads before it writes takes the write lock first.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findUnlockedReadThenWrite } from "./write-discipline";

const ROOT = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "generated" || entry.name === "node_modules" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe("SQLite write discipline", () => {
  it("finds read-then-write transactions without the lock (the scanner itself)", () => {
    const bad = `db.$transaction(async (tx) => {\n const row = await tx.user.findUnique({ where: { id } });\n await tx.user.update({ where: { id }, data: {} });\n});`;
    const helper = `db.$transaction((t) => insertAsset(t, image, meta))`;
    const locked = `db.$transaction(async (tx) => {\n await lockForWriting(tx, providerOf(db));\n await tx.user.findUnique({});\n await tx.user.update({});\n});`;
    const writeFirst = `db.$transaction(async (tx) => { const { count } = await tx.item.updateMany({}); if (!count) await tx.item.findFirst({}); });`;
    const readOnly = `db.$transaction(async (tx) => { await tx.item.findMany({}); return tx.item.count(); });`;
    expect(findUnlockedReadThenWrite("a.ts", bad)).toEqual([{ file: "a.ts", line: 1, first: "tx.user.findUnique(" }]);
    expect(findUnlockedReadThenWrite("a.ts", helper)).toHaveLength(1);
    expect(findUnlockedReadThenWrite("a.ts", locked)).toEqual([]);
    expect(findUnlockedReadThenWrite("a.ts", writeFirst)).toEqual([]);
    expect(findUnlockedReadThenWrite("a.ts", readOnly)).toEqual([]);
    // Prisma emulates most upserts as a SELECT, then an INSERT or UPDATE.
    const upsertFirst = `db.$transaction(async (tx) => { await tx.projectMember.upsert({ where: {}, create: {}, update: {} }); });`;
    expect(findUnlockedReadThenWrite("a.ts", upsertFirst)).toEqual([{ file: "a.ts", line: 1, first: "tx.projectMember.upsert(" }]);
  });

  it("every read-then-write transaction in lib/ and app/ takes lockForWriting first", () => {
    const files = [...sourceFiles(path.join(ROOT, "lib")), ...sourceFiles(path.join(ROOT, "app"))];
    expect(files.length).toBeGreaterThan(50);
    const findings = files.flatMap((file) => findUnlockedReadThenWrite(path.relative(ROOT, file), fs.readFileSync(file, "utf8")));
    expect(findings.map((f) => `${f.file}:${f.line} starts with ${f.first}`)).toEqual([]);
  });
});
