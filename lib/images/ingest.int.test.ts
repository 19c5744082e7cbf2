import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../testing/db";
import { LocalStorage } from "../storage/local";
import { listAssets, nearDuplicateGroup } from "./assets";
import { ingestImage } from "./ingest";
import { NearDuplicateIndex } from "./near-duplicates";
import { sharp } from "./sharp";
import { patternImage } from "./test-images";

describe(`ingestImage (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  let root: string;
  let storage: LocalStorage;
  let projectId: string;
  const images: Record<string, Buffer> = {};

  beforeAll(async () => {
    t = await createTestDb();
    root = fs.mkdtempSync(path.join(os.tmpdir(), "srt-ingest-"));
    storage = new LocalStorage(root);
    projectId = (await t.db.project.create({ data: { name: "P", slug: "p", settings: {} } })).id;
    images.a = await patternImage(900, 600, 1).jpeg().toBuffer();
    images.aCopy = await sharp(images.a).resize(500).webp({ quality: 50 }).toBuffer();
    images.b = await patternImage(640, 480, 2).png().toBuffer();
    images.c = await patternImage(640, 480, 3).png().toBuffer();
  });
  afterAll(async () => {
    await t?.drop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("imports an image: asset row, stored bytes and derivatives, audit event", async () => {
    const result = await ingestImage(t.db, storage, { projectId, buffer: images.a, filename: "../../etc/cat.jpg", source: "COCO", license: "CC-BY" });
    expect(result.status).toBe("imported");
    expect(result.nearDuplicates).toEqual([]);
    const asset = result.asset!;
    expect(asset).toMatchObject({ projectId, width: 900, height: 600, mime: "image/jpeg", bytes: images.a.length, originalFilename: "cat.jpg", source: "COCO", license: "CC-BY" });
    expect(fs.readFileSync(path.join(root, asset.storageKey)).equals(images.a)).toBe(true);
    expect((await sharp(path.join(root, asset.displayKey)).metadata()).format).toBe("webp");
    expect((await sharp(path.join(root, asset.thumbnailKey)).metadata()).width).toBe(256);
    const audit = await t.db.auditEvent.findMany({ where: { entity: "Asset", entityId: asset.id } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "import", actorId: null });
  });

  it("is idempotent by content: the same bytes again are a duplicate", async () => {
    const first = await t.db.asset.findFirstOrThrow({ where: { projectId } });
    const again = await ingestImage(t.db, storage, { projectId, buffer: Buffer.from(images.a), filename: "renamed.jpg" });
    expect(again).toMatchObject({ status: "duplicate", duplicateOf: first.id });
    expect(await t.db.asset.count({ where: { projectId } })).toBe(1);
  });

  it("settles concurrent identical uploads on one asset", async () => {
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) => ingestImage(t.db, storage, { projectId, buffer: images.b, filename: `b${i}.png` })),
    );
    expect(results.filter((r) => r.status === "imported")).toHaveLength(1);
    expect(results.filter((r) => r.status === "duplicate")).toHaveLength(3);
    const rows = await t.db.asset.findMany({ where: { projectId, sha256: results[0].asset!.sha256 } });
    expect(rows).toHaveLength(1);
    expect(new Set(results.map((r) => r.asset!.id))).toEqual(new Set([rows[0].id]));
    expect(await t.db.auditEvent.count({ where: { entity: "Asset", entityId: rows[0].id } })).toBe(1);
  });

  it("reports a re-encoded, resized copy under another name as a near-duplicate", async () => {
    const original = await t.db.asset.findFirstOrThrow({ where: { projectId, originalFilename: "cat.jpg" } });
    const result = await ingestImage(t.db, storage, { projectId, buffer: images.aCopy, filename: "other-name.webp" });
    expect(result.status).toBe("imported");
    expect(result.nearDuplicates).toHaveLength(1);
    expect(result.nearDuplicates[0].assetId).toBe(original.id);
    expect(result.nearDuplicates[0].distance).toBeLessThanOrEqual(10);
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { entity: "Asset", entityId: result.asset!.id } });
    expect(audit.after).toMatchObject({ nearDuplicates: [{ assetId: original.id }] });
  });

  it("sees near-duplicates imported concurrently through one shared index", async () => {
    const other = (await t.db.project.create({ data: { name: "Q", slug: "q", settings: { nearDuplicateThreshold: 8 } } })).id;
    const index = await NearDuplicateIndex.load(t.db, other);
    expect(index.threshold).toBe(8);
    const [first, second] = await Promise.all([
      ingestImage(t.db, storage, { projectId: other, buffer: images.a, filename: "a.jpg" }, { index }),
      ingestImage(t.db, storage, { projectId: other, buffer: images.aCopy, filename: "a-small.webp" }, { index }),
    ]);
    expect([first.status, second.status]).toEqual(["imported", "imported"]);
    // Whichever reserved its place first is the one the other reports.
    const reported = [...first.nearDuplicates, ...second.nearDuplicates];
    expect(reported).toHaveLength(1);
    expect([first.asset!.id, second.asset!.id]).toContain(reported[0].assetId);
  });

  it("rejects a bad file without writing anything", async () => {
    const before = await t.db.auditEvent.count();
    const result = await ingestImage(t.db, storage, { projectId, buffer: Buffer.from("<svg><script/></svg>"), filename: "x.png" });
    expect(result).toMatchObject({ status: "rejected", code: "SVG_REFUSED", nearDuplicates: [] });
    expect(result.reason).toMatch(/SVG/);
    expect(await t.db.auditEvent.count()).toBe(before);
  });

  it("validates its input, naming the field", async () => {
    await expect(ingestImage(t.db, storage, { projectId: "", buffer: images.a, filename: "a" })).rejects.toThrow(/projectId/);
  });

  it("pages assets newest first and filters them", async () => {
    await ingestImage(t.db, storage, { projectId, buffer: images.c, filename: "c.png" });
    const all = await t.db.asset.findMany({ where: { projectId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
    expect(all).toHaveLength(4);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof listAssets>> = await listAssets(t.db, projectId, { limit: 3, cursor });
      seen.push(...page.assets.map((a) => a.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((a) => a.id));

    const used = all.find((a) => a.originalFilename === "c.png")!;
    await t.db.item.create({ data: { projectId, assetId: used.id, question: "Q?", answerType: "YES_NO", options: [], groundTruth: "yes" } });
    const withoutItems = await listAssets(t.db, projectId, { filter: "without-items" });
    expect(withoutItems.assets.map((a) => a.id)).toEqual(all.filter((a) => a.id !== used.id).map((a) => a.id));
    expect((await listAssets(t.db, projectId)).assets.find((a) => a.id === used.id)?.itemCount).toBe(1);

    const near = await listAssets(t.db, projectId, { filter: "near-duplicates", limit: 1 });
    const nearNext = await listAssets(t.db, projectId, { filter: "near-duplicates", limit: 1, cursor: near.nextCursor });
    const names = [...near.assets, ...nearNext.assets].map((a) => a.originalFilename).sort();
    expect(names).toEqual(["cat.jpg", "other-name.webp"]);
    expect(nearNext.nextCursor).toBeNull();
    expect(near.assets[0].clusterKey).toBe(nearNext.assets[0].clusterKey);

    await expect(listAssets(t.db, projectId, { cursor: "garbage" })).rejects.toMatchObject({ code: "INVALID", field: "cursor" });
  });

  it("finds an asset's near-duplicate group", async () => {
    const cat = await t.db.asset.findFirstOrThrow({ where: { projectId, originalFilename: "cat.jpg" } });
    const group = await nearDuplicateGroup(t.db, cat.id);
    expect(group?.threshold).toBe(10);
    expect(group?.matches.map((m) => m.asset.originalFilename)).toEqual(["other-name.webp"]);
    expect(await nearDuplicateGroup(t.db, "missing")).toBeNull();
  });
});
