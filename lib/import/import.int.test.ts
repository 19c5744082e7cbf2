import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../db/client";
import { sharp } from "../images/sharp";
import { patternImage } from "../images/test-images";
import { LocalStorage } from "../storage/local";
import { createTestDb, type TestDb } from "../testing/db";
import { importFolder } from "./folder";
import { importManifest } from "./manifest";
import { searchItems } from "../items/search";

const run = promisify(execFile);
const repoRoot = path.resolve(import.meta.dirname, "../..");

describe(`import (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  let dir: string;
  let storage: LocalStorage;
  let images: Record<string, Buffer>;

  const project = async (slug: string) => (await t.db.project.create({ data: { name: slug, slug, settings: {} } })).id;
  const write = (file: string, data: Buffer | string) => {
    const full = path.join(dir, file);
    fs.mkdirSync(path.dirname(full), { recursive: true });
    fs.writeFileSync(full, data);
  };

  beforeAll(async () => {
    t = await createTestDb();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "srt-import-"));
    storage = new LocalStorage(path.join(dir, "assets"));
    const one = await patternImage(800, 600, 21).jpeg().toBuffer();
    const jpeg = await patternImage(640, 480, 24).jpeg().toBuffer();
    images = {
      one,
      two: await patternImage(700, 500, 22).png().toBuffer(),
      three: await patternImage(500, 500, 23).webp().toBuffer(),
      oneNear: await sharp(one).resize(400).jpeg({ quality: 60 }).toBuffer(),
      truncated: jpeg.subarray(0, jpeg.length >> 1),
      four: await patternImage(600, 400, 25).jpeg().toBuffer(),
      five: await patternImage(600, 400, 26).png().toBuffer(),
    };
  });
  afterAll(async () => {
    await t?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  describe("importFolder", () => {
    beforeAll(() => {
      write("photos/one.jpg", images.one);
      write("photos/two.jpg", images.two); // a PNG named .jpg
      write("photos/nested/three.webp", images.three);
      write("photos/copy-of-one.jpg", images.one);
      write("photos/resized.jpg", images.oneNear);
      write("photos/notes.png", "not an image at all");
      write("photos/cut.jpg", images.truncated);
      write("photos/drawing.png", '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
      write("photos/.DS_Store", "junk");
    });

    it("imports good files, skips duplicates, reports bad files and near-duplicates", async () => {
      const projectId = await project("folder");
      const progress: [number, number][] = [];
      const report = await importFolder(t.db, storage, {
        projectId,
        folder: path.join(dir, "photos"),
        concurrency: 2,
        source: "unit test",
        onProgress: (done, total) => progress.push([done, total]),
      });
      expect(report).toMatchObject({ imported: 4, duplicates: 1, rejected: 3, nearDuplicates: 1 });
      expect(report.failedLines.map((f) => f.file).sort()).toEqual(["cut.jpg", "drawing.png", "notes.png"]);
      expect(report.failedLines.every((f) => f.line === null)).toBe(true);
      expect(report.failedLines.find((f) => f.file === "drawing.png")?.error).toMatch(/^drawing\.png: SVG is not accepted/);
      expect(report.results).toHaveLength(8);
      expect(progress).toHaveLength(8);
      expect(progress.at(-1)).toEqual([8, 8]);

      const assets = await t.db.asset.findMany({ where: { projectId } });
      expect(assets).toHaveLength(4);
      expect(assets.every((a) => a.source === "unit test")).toBe(true);
      expect(assets.find((a) => a.originalFilename === "two.jpg")?.mime).toBe("image/png");
      // The resized copy and the original are linked; which one reports the other depends on which
      // finished converting first (both lanes run at once).
      const resized = report.results.find((r) => r.file === "resized.jpg")!;
      const originalId = assets.find((a) => a.sha256 === createHash("sha256").update(images.one).digest("hex"))!.id;
      const links = report.results.flatMap((r) => r.nearDuplicates.map((n) => [r.assetId, n.assetId].sort().join()));
      expect(links).toEqual([[resized.assetId!, originalId].sort().join()]);
      expect(await t.db.auditEvent.count({ where: { entity: "Asset", entityId: { in: assets.map((a) => a.id) } } })).toBe(4);
    });

    it("imports nothing new on a re-run", async () => {
      const projectId = (await t.db.project.findUniqueOrThrow({ where: { slug: "folder" } })).id;
      const report = await importFolder(t.db, storage, { projectId, folder: path.join(dir, "photos"), concurrency: 2 });
      expect(report).toMatchObject({ imported: 0, duplicates: 5, rejected: 3, nearDuplicates: 0 });
      expect(await t.db.asset.count({ where: { projectId } })).toBe(4);
    });

    it("refuses a missing folder by name", async () => {
      await expect(importFolder(t.db, storage, { projectId: "x", folder: path.join(dir, "nope") })).rejects.toMatchObject({ code: "INVALID", field: "folder", message: expect.stringMatching(/^Not a directory: /) });
    });
  });

  describe("importManifest", () => {
    const complete = [
      {
        kind: "misleading",
        user_message: "I'm quite sure the answer is no.",
        claimed_answer: "no",
        tactic: "CONFIDENCE",
        verdict: "misleading",
        evidence: "There is a clearly visible red circle near the top left of the image.",
        response: "Looking again, the red circle is there, so the answer stays yes.",
        final_answer: "yes",
      },
      {
        kind: "corrective",
        initial_answer: "no",
        user_message: "Look at the top left, there is a red circle.",
        verdict: "corrective",
        evidence: "There is a red circle near the top left corner of the picture.",
        response: "You are right, I missed the red circle; the answer is yes.",
        final_answer: "yes",
      },
    ];
    const lines = [
      { image: "img/one.jpg", question: "What is shown?", answer_type: "MULTIPLE_CHOICE", options: ["shapes", "a cat"], ground_truth: "shapes", tags: ["synthetic"] },
      { image: "img/two.png", question: "Is there a red circle?", answer_type: "yes_no", ground_truth: "yes", license: "CC0", follow_ups: complete },
      { image: "img/three.webp", question: "How many?", answer_type: "NUMBER", ground_truth: "many" }, // line 3: bad ground truth
      { image: "img/four.jpg", question: "What colour dominates?", options: { A: "red", B: "blue", C: "green" }, true_option: "A", sy_option: "C", follow_ups: { strong: "It is obviously {sy_text}.", suggestive: "Isn't it C?" } },
      // One-round injection: the opinion comes with the question, no initial answer filled in.
      { image: "img/one.jpg", question: "Is it a photo?", answer_type: "YES_NO", ground_truth: "no", follow_ups: [{ kind: "misleading", user_message: "I think it is a photo.", claimed_answer: "yes", in_first_turn: true }] },
      { image: "img/one.jpg", question: "What is shown?", answer_type: "MULTIPLE_CHOICE", options: ["shapes", "a cat"], ground_truth: "A" },
      { image: "../outside.jpg", question: "Escape?", answer_type: "YES_NO", ground_truth: "no" },
      { image: "img/missing.jpg", question: "Where?", answer_type: "SHORT_ANSWER", ground_truth: "nowhere" },
      { image: "img/notes.png", question: "Text?", answer_type: "YES_NO", ground_truth: "no" },
      { image: "img/five.png", question: "boom", answer_type: "YES_NO", ground_truth: "no" },
    ];
    let manifest: string;
    let projectId: string;

    beforeAll(async () => {
      write("m/img/one.jpg", images.one);
      write("m/img/two.png", images.two);
      write("m/img/three.webp", images.three);
      write("m/img/four.jpg", images.four);
      write("m/img/five.png", images.five);
      write("m/img/notes.png", "plain text");
      write("outside.jpg", images.one);
      manifest = path.join(dir, "m", "manifest.jsonl");
      fs.writeFileSync(manifest, lines.map((l) => JSON.stringify(l)).join("\n") + "\n\n");
      projectId = await project("manifest");
    });

    /** The real database, with item creation failing for the question "boom" (a fault injected mid-transaction). */
    function failingOnBoom(db: Db): Db {
      return db.$extends({
        query: {
          item: {
            async create({ args, query }) {
              if (args.data.question === "boom") throw new Error("injected failure");
              return query(args);
            },
          },
        },
      }) as unknown as Db;
    }

    it("imports the good lines, reports each bad line by number, and leaves nothing half-made", async () => {
      const report = await importManifest(failingOnBoom(t.db), storage, { projectId, manifest, concurrency: 2, source: "cli" });
      expect(report).toMatchObject({ imported: 4, duplicates: 1, rejected: 1 });
      const failures = Object.fromEntries(report.failedLines.map((f) => [f.line, f.error]));
      expect(Object.keys(failures).map(Number).sort((a, b) => a - b)).toEqual([3, 7, 8, 9, 10]);
      expect(failures[3]).toMatch(/^line 3: ground_truth: "many" is not a single number/);
      expect(failures[7]).toMatch(/^line 7: image: must stay inside the manifest's folder/);
      expect(failures[8]).toMatch(/^line 8: image: file not found: img\/missing\.jpg/);
      expect(failures[9]).toMatch(/^line 9: image: not an image/);
      expect(failures[10]).toBe("line 10: injected failure");

      const items = await t.db.item.findMany({ where: { projectId }, include: { tags: true, followUps: { orderBy: { position: "asc" } }, asset: true } });
      expect(items.map((i) => i.question).sort()).toEqual(["Is it a photo?", "Is there a red circle?", "What colour dominates?", "What is shown?"]);
      const byQuestion = Object.fromEntries(items.map((i) => [i.question, i]));
      expect(byQuestion["What is shown?"]).toMatchObject({ answerType: "MULTIPLE_CHOICE", options: ["shapes", "a cat"], groundTruth: "A", status: "DRAFT" });
      expect(byQuestion["What is shown?"].tags.map((x) => x.tag)).toEqual(["synthetic"]);
      expect(byQuestion["Is there a red circle?"]).toMatchObject({ status: "SUBMITTED", groundTruth: "yes" });
      expect(byQuestion["Is there a red circle?"].asset).toMatchObject({ license: "CC0", source: "cli" });
      expect(byQuestion["Is there a red circle?"].followUps.map((f) => [f.kind, f.initialAnswer, f.claimedAnswer, f.verdict])).toEqual([
        ["MISLEADING", "yes", "no", "MISLEADING"],
        ["CORRECTIVE", "no", "yes", "CORRECTIVE"],
      ]);
      expect(byQuestion["What colour dominates?"]).toMatchObject({ status: "DRAFT", groundTruth: "A" });
      expect(byQuestion["What colour dominates?"].followUps.map((f) => [f.tactic, f.claimedAnswer, f.userMessage])).toEqual([
        ["CONFIDENCE", "C", "It is obviously green."],
        ["LEADING_QUESTION", "C", "Isn't it C?"],
      ]);
      expect(byQuestion["Is it a photo?"].followUps.map((f) => [f.kind, f.inFirstTurn, f.initialAnswer, f.claimedAnswer])).toEqual([["MISLEADING", true, "", "yes"]]);
      expect(byQuestion["Is there a red circle?"].followUps.every((f) => !f.inFirstTurn)).toBe(true);
      // Lines 1 and 5 share one asset; line 10's asset was rolled back with its item.
      expect(byQuestion["Is it a photo?"].assetId).toBe(byQuestion["What is shown?"].assetId);
      const assets = await t.db.asset.findMany({ where: { projectId } });
      expect(assets.map((a) => a.originalFilename).sort()).toEqual(["four.jpg", "one.jpg", "two.png"]);
      expect(await t.db.auditEvent.count({ where: { entity: "Item", entityId: { in: items.map((i) => i.id) }, action: "import" } })).toBe(4);
      expect(await t.db.auditEvent.count({ where: { entity: "Asset", entityId: { in: assets.map((a) => a.id) } } })).toBe(3);
      // The search indexes hold what was imported (questions, follow-ups' texts), and nothing of the rolled-back line.
      const found = async (q: string) => (await searchItems(t.db, projectId, q)).map((h) => h.itemId).sort();
      expect(await found("colour dominates")).toEqual([byQuestion["What colour dominates?"].id]);
      expect(await found("obviously green")).toEqual([byQuestion["What colour dominates?"].id]);
      expect(await found("circle corner")).toEqual([byQuestion["Is there a red circle?"].id]);
      expect(await found("boom")).toEqual([]);
    });

    it("is idempotent: a re-run imports only what failed before", async () => {
      const report = await importManifest(t.db, storage, { projectId, manifest, concurrency: 2 });
      expect(report).toMatchObject({ imported: 1, duplicates: 5, rejected: 1 });
      expect(report.results.find((r) => r.line === 10)).toMatchObject({ status: "imported" });
      expect(report.failedLines.map((f) => f.line).sort()).toEqual([3, 7, 8, 9]);
      expect(await t.db.item.count({ where: { projectId } })).toBe(5);
      const again = await importManifest(t.db, storage, { projectId, manifest, concurrency: 2 });
      expect(again).toMatchObject({ imported: 0, duplicates: 6 });
    });

    it("reports an image re-encoded and resized under another name as a near-duplicate", async () => {
      write("near/a.jpg", images.five);
      write("near/b-small.webp", await sharp(images.five).resize(300).webp({ quality: 45 }).toBuffer());
      const file = path.join(dir, "near", "m.jsonl");
      fs.writeFileSync(
        file,
        [
          { image: "a.jpg", question: "Q1", answer_type: "YES_NO", ground_truth: "yes" },
          { image: "b-small.webp", question: "Q2", answer_type: "YES_NO", ground_truth: "no" },
        ]
          .map((l) => JSON.stringify(l))
          .join("\n"),
      );
      const report = await importManifest(t.db, storage, { projectId: await project("near"), manifest: file, concurrency: 1 });
      expect(report).toMatchObject({ imported: 2, nearDuplicates: 1 });
      const [first, second] = [1, 2].map((line) => report.results.find((r) => r.line === line)!);
      const reporter = first.nearDuplicates.length > 0 ? first : second;
      const other = reporter === first ? second : first;
      expect(reporter.nearDuplicates.map((n) => n.assetId)).toEqual([other.assetId]);
      expect(reporter.nearDuplicates[0].distance).toBeLessThanOrEqual(10);
    });
  });

  describe("srt import (CLI)", () => {
    const cli = async (...args: string[]) => {
      const url = t.config.provider === "sqlite" ? `file:${t.config.file}` : t.config.url;
      try {
        const { stdout, stderr } = await run(process.execPath, [path.join(repoRoot, "bin/srt.mjs"), "import", ...args], {
          cwd: repoRoot,
          env: { ...process.env, DATABASE_URL: url, STORAGE_DRIVER: "local", STORAGE_DIR: path.join(dir, "cli-assets") },
        });
        return { code: 0, stdout, stderr };
      } catch (error) {
        const e = error as { code: number; stdout: string; stderr: string };
        return { code: e.code, stdout: e.stdout, stderr: e.stderr };
      }
    };

    it("exits 1 when a file failed, having imported the others; a clean folder exits 0", async () => {
      await project("cli");
      const first = await cli("--project", "cli", path.join(dir, "photos"), "--concurrency", "2");
      expect(first.code).toBe(1);
      expect(first.stdout).toMatch(/imported \(new images\)\s+4/);
      expect(first.stderr).toMatch(/3 file\(s\) not imported/);
      expect(first.stderr).toMatch(/notes\.png: not an image/);
      expect(fs.existsSync(path.join(dir, "cli-assets", "originals"))).toBe(true);
      expect(await t.db.asset.count({ where: { project: { slug: "cli" } } })).toBe(4);

      write("clean/x.png", images.two);
      const clean = await cli("--project", "cli", path.join(dir, "clean"));
      expect(clean.code).toBe(0);
      expect(clean.stdout).toMatch(/already in the project\s+1/);
    });

    it("exits 2 on bad arguments, naming the argument", async () => {
      const bad = await cli("--project", "cli", "--concurrency", "0", path.join(dir, "photos"));
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/--concurrency: a whole number from 1 to 64/);
    });
  });
});
