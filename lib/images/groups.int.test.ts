// Near-duplicate groups stored at import, on a real database (SQLite file or PostgreSQL): bridging
// merges, concurrent imports through separate indexes (as from separate processes), regrouping for a
// new threshold, the lazy backfill, and split planning reading the column.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lockForWriting, providerOf } from "../db/provider";
import { planSplits } from "../export/plan";
import { parseExportParams } from "../export/schemas";
import { FIXTURE_PROJECT_ID, seedFixture, type Fixture } from "../export/testing/fixture";
import { runJobHere } from "../jobs/run-here";
import { createTestDb, type TestDb } from "../testing/db";
import { listAssets } from "./assets";
import { countNearDuplicates } from "./counts";
import { GroupBuilder } from "./group-builder";
import { ensureNearDuplicateGroups, regroupHint, regroupProject } from "./groups";
import { insertAsset } from "./ingest";
import { NearDuplicateIndex } from "./near-duplicates";
import type { ProcessedImage } from "./pipeline";
import { regroupJob } from "./regroup-job";
import { generatedHashes } from "./testing/hashes";

const run = promisify(execFile);
const repoRoot = path.resolve(__dirname, "../..");

describe(`near-duplicate groups (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  let fixture: Fixture | undefined;
  beforeAll(async () => {
    t = await createTestDb();
  });
  afterAll(async () => {
    await t?.drop();
    fixture?.cleanup();
  });

  let projects = 0;
  /** A project grouped from the start, as createProject makes them. */
  async function newProject(threshold: number): Promise<string> {
    projects++;
    const project = await t.db.project.create({
      data: { name: `P${projects}`, slug: `p${projects}`, settings: { nearDuplicateThreshold: threshold }, nearDuplicateGroupsThreshold: threshold },
    });
    return project.id;
  }

  /** ingestImage after the image work: reserve in the index, then insert (and group) under the lock. */
  async function importHash(index: NearDuplicateIndex, projectId: string, phash: string, name: string): Promise<string> {
    const image = { sha256: createHash("sha256").update(`${projectId}/${name}`).digest("hex"), phash, width: 1, height: 1, mime: "image/png", bytes: 1 } as ProcessedImage;
    const reservation = index.reserve(phash);
    try {
      const near = await reservation.matches();
      const provider = providerOf(t.db);
      const asset = await t.db.$transaction(async (tx) => {
        await lockForWriting(tx, provider);
        return insertAsset(tx, image, { projectId, filename: name, source: "", license: "", attribution: "", uploadedById: null }, near, { index, provider });
      });
      reservation.settle(asset.id);
      return asset.id;
    } catch (error) {
      reservation.settle(null);
      throw error;
    }
  }

  async function storedGroups(projectId: string): Promise<Map<string, string | null>> {
    const rows = await t.db.asset.findMany({ where: { projectId }, select: { id: true, nearDuplicateGroup: true }, orderBy: { id: "asc" } });
    return new Map(rows.map((r) => [r.id, r.nearDuplicateGroup]));
  }

  async function expectedGroups(projectId: string, threshold: number): Promise<Map<string, string>> {
    const rows = await t.db.asset.findMany({ where: { projectId }, select: { id: true, phash: true }, orderBy: { id: "asc" } });
    const builder = new GroupBuilder(threshold);
    for (const r of rows) builder.add(r.id, r.phash);
    return new Map([...builder.groups()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  }

  it("gives a new image its own group, joins a near-duplicate to it, and merges two groups an image bridges", async () => {
    const projectId = await newProject(2);
    const index = await NearDuplicateIndex.load(t.db, projectId);
    const m = await importHash(index, projectId, "0000000000000000", "m");
    const z = await importHash(index, projectId, "0000000000000007", "z"); // 3 bits from m
    const far = await importHash(index, projectId, "ffffffffffffffff", "far");
    let groups = await storedGroups(projectId);
    expect([groups.get(m), groups.get(z), groups.get(far)]).toEqual([m, z, far]);

    const bridge = await importHash(index, projectId, "0000000000000003", "bridge"); // 2 from m, 1 from z
    groups = await storedGroups(projectId);
    const smallest = [m, z, bridge].sort()[0];
    expect([groups.get(m), groups.get(z), groups.get(bridge), groups.get(far)]).toEqual([smallest, smallest, smallest, far]);
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { entity: "Asset", entityId: bridge } });
    expect(audit.after).toMatchObject({ nearDuplicateGroup: smallest, mergedGroups: [m, z].filter((g) => g !== smallest).sort() });
    expect(await storedGroups(projectId)).toEqual(await expectedGroups(projectId, 2));
  });

  it("keeps groups exact when imports run concurrently through separate indexes (as separate processes)", async () => {
    const projectId = await newProject(10);
    const hashes = generatedHashes(90, 10, 77).map((h) => h.phash);
    // Three importers that loaded their index before any of the others' images existed.
    const indexes = await Promise.all([0, 1, 2].map(() => NearDuplicateIndex.load(t.db, projectId)));
    await Promise.all(
      indexes.map(async (index, k) => {
        for (let i = k; i < hashes.length; i += 3) await importHash(index, projectId, hashes[i], `img${i}`);
      }),
    );
    const stored = await storedGroups(projectId);
    expect(stored.size).toBe(90);
    const expected = await expectedGroups(projectId, 10);
    expect(stored).toEqual(expected);
    expect(new Set(expected.values()).size).toBeLessThan(80); // there were groups to merge
    expect(await t.db.project.findUniqueOrThrow({ where: { id: projectId } })).toMatchObject({ nearDuplicateGroupsThreshold: 10 });
  });

  it("regroups for a changed threshold: the stale groups stop being maintained, the regroup job restores them", async () => {
    const projectId = await newProject(10);
    const index = await NearDuplicateIndex.load(t.db, projectId);
    for (const [i, h] of generatedHashes(60, 10, 3).entries()) await importHash(index, projectId, h.phash, `img${i}`);
    expect(await storedGroups(projectId)).toEqual(await expectedGroups(projectId, 10));

    const project = await t.db.project.update({ where: { id: projectId }, data: { settings: { nearDuplicateThreshold: 4 } } });
    expect(regroupHint(project)).toContain(`npx srt images regroup --project ${project.slug}`);
    // An import at the new threshold cannot maintain groups made at the old one: it marks them stale.
    const fresh = await NearDuplicateIndex.load(t.db, projectId);
    const late = await importHash(fresh, projectId, "0123456789abcdef", "late");
    expect((await storedGroups(projectId)).get(late)).toBeNull();
    expect((await t.db.project.findUniqueOrThrow({ where: { id: projectId } })).nearDuplicateGroupsThreshold).toBeNull();

    const progress: number[] = [];
    const { result } = await runJobHere(t.db, regroupJob, { projectId }, { projectId, onProgress: (done) => progress.push(done) });
    expect(result).toMatchObject({ threshold: 4, assets: 61 });
    expect(progress.length).toBeGreaterThan(0);
    const expected = await expectedGroups(projectId, 4);
    expect(await storedGroups(projectId)).toEqual(expected);
    expect(expected).not.toEqual(await expectedGroups(projectId, 10));
    const after = await t.db.project.findUniqueOrThrow({ where: { id: projectId } });
    expect(after.nearDuplicateGroupsThreshold).toBe(4);
    expect(regroupHint(after)).toBeNull();
    expect(await t.db.job.findFirstOrThrow({ where: { kind: "images-regroup", projectId } })).toMatchObject({ status: "SUCCEEDED" });
    expect(await t.db.auditEvent.count({ where: { entity: "Project", entityId: projectId, action: "images.regroup" } })).toBe(1);

    // Imports maintain the new groups again; a second regroup finds nothing to change.
    await importHash(fresh, projectId, "0123456789abcdee", "late-copy");
    expect(await storedGroups(projectId)).toEqual(await expectedGroups(projectId, 4));
    expect(await regroupProject(t.db, projectId)).toMatchObject({ changed: 0, assets: 62 });
  });

  it("backfills assets written without a group on first use, and the filter and count read the groups", async () => {
    const projectId = await newProject(10);
    const hashes = generatedHashes(40, 10, 9);
    // As the migration leaves older assets: no group (and here, the project even claims to be grouped).
    for (const [i, h] of hashes.entries()) {
      await t.db.asset.create({
        data: { projectId, sha256: `${projectId}-${i}`, phash: h.phash, width: 1, height: 1, mime: "image/png", bytes: 1, storageKey: "k", displayKey: "k", thumbnailKey: "k", originalFilename: `${i}.png` },
      });
    }
    const count = await countNearDuplicates(t.db, projectId, 10);
    const expected = await expectedGroups(projectId, 10);
    expect(await storedGroups(projectId)).toEqual(expected);
    const sizes = new Map<string, number>();
    for (const g of expected.values()) sizes.set(g, (sizes.get(g) ?? 0) + 1);
    const inShared = [...expected].filter(([, g]) => sizes.get(g)! > 1);
    expect(count).toBe(inShared.length);
    const listed = await listAssets(t.db, projectId, { filter: "near-duplicates", limit: 100 });
    expect(listed.assets.map((a) => a.id).sort()).toEqual(inShared.map(([id]) => id).sort());
    for (const a of listed.assets) expect(a.clusterKey).toBe(expected.get(a.id));
  });

  it("plans splits from the stored groups", async () => {
    fixture = await seedFixture(t.db);
    const plan = () => planSplits(t.db, { projectId: FIXTURE_PROJECT_ID, params: parseExportParams({ seed: 3 }), nearDuplicateThreshold: 10, frozen: new Set() });
    // The fixture writes its assets directly (no group): the first plan groups them, as planning always did.
    expect(await plan()).toMatchObject({ images: 6, groups: 5 });
    expect((await storedGroups(FIXTURE_PROJECT_ID)).get("img-02b")).toBe("img-02");
    // Planning reads the column: two images put in one group by hand are planned as one group.
    await t.db.asset.updateMany({ where: { projectId: FIXTURE_PROJECT_ID, id: { in: ["img-04", "img-05"] } }, data: { nearDuplicateGroup: "img-04" } });
    const joined = await plan();
    expect(joined).toMatchObject({ images: 6, groups: 4 });
    expect(joined.splitAt(joined.assetIndex("img-04")!)).toBe(joined.splitAt(joined.assetIndex("img-05")!));
    // Another threshold makes the stored groups stale: they are recomputed (and the hand edit undone).
    await ensureNearDuplicateGroups(t.db, FIXTURE_PROJECT_ID, 10);
    expect((await storedGroups(FIXTURE_PROJECT_ID)).get("img-05")).toBe("img-04");
    expect(await planSplits(t.db, { projectId: FIXTURE_PROJECT_ID, params: parseExportParams({ seed: 3 }), nearDuplicateThreshold: 2, frozen: new Set() })).toMatchObject({ groups: 6 });
    expect((await storedGroups(FIXTURE_PROJECT_ID)).get("img-05")).toBe("img-05");
  });

  it("npx srt images regroup: regroups the project named by slug at its setting, and refuses a missing --project", async () => {
    const projectId = await newProject(10);
    const index = await NearDuplicateIndex.load(t.db, projectId);
    for (const [i, h] of generatedHashes(30, 10, 21).entries()) await importHash(index, projectId, h.phash, `img${i}`);
    const project = await t.db.project.update({ where: { id: projectId }, data: { settings: { nearDuplicateThreshold: 3 } } });
    const url = t.config.provider === "sqlite" ? `file:${t.config.file}` : t.config.url;
    const cli = async (...args: string[]) => {
      try {
        const { stdout, stderr } = await run(process.execPath, [path.join(repoRoot, "bin/srt.mjs"), "images", "regroup", ...args], { cwd: repoRoot, env: { ...process.env, DATABASE_URL: url } });
        return { code: 0, stdout, stderr };
      } catch (error) {
        const e = error as { code: number; stdout: string; stderr: string };
        return { code: e.code, stdout: e.stdout, stderr: e.stderr };
      }
    };
    const done = await cli("--project", project.slug);
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(new RegExp(`${project.slug}: 30 images in \\d+ groups at distance 3`));
    expect(done.stderr).toMatch(/reading hashes .* 30\/30/);
    expect(await storedGroups(projectId)).toEqual(await expectedGroups(projectId, 3));
    expect((await cli()).code).toBe(2);
  }, 180_000);
});
