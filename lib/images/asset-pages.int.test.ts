import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, type TestDb } from "../testing/db";
import { LocalStorage } from "../storage/local";
import { listAssets } from "./assets";
import { ingestImage } from "./ingest";
import { sharp } from "./sharp";
import { patternImage } from "./test-images";
import { assetCounts } from "./counts";
import { assetDetail } from "./detail";

describe(`assetCounts and assetDetail (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  let root: string;
  let projectId: string;

  beforeAll(async () => {
    t = await createTestDb();
    root = fs.mkdtempSync(path.join(os.tmpdir(), "srt-counts-"));
    projectId = (await t.db.project.create({ data: { name: "P", slug: "p", settings: {} } })).id;
  });
  afterAll(async () => {
    await t?.drop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it("is zero for an empty project", async () => {
    expect(await assetCounts(t.db, projectId)).toEqual({ all: 0, withoutItems: 0, nearDuplicates: 0, nearDuplicatesStale: false });
  });

  it("counts all, without items and near-duplicates as the filters list them", async () => {
    const storage = new LocalStorage(root);
    const a = await patternImage(400, 300, 21).png().toBuffer();
    const buffers = [a, await sharp(a).resize(200).jpeg().toBuffer(), await patternImage(400, 300, 22).png().toBuffer(), await patternImage(300, 300, 23).png().toBuffer()];
    const ids: string[] = [];
    for (const [i, buffer] of buffers.entries()) ids.push((await ingestImage(t.db, storage, { projectId, buffer, filename: `${i}.png` })).asset!.id);
    await t.db.item.create({ data: { projectId, assetId: ids[2], question: "Q?", answerType: "YES_NO", options: [], groundTruth: "yes" } });
    const counts = await assetCounts(t.db, projectId);
    expect(counts).toEqual({ all: 4, withoutItems: 3, nearDuplicates: 2, nearDuplicatesStale: false });
    expect((await listAssets(t.db, projectId, { filter: "near-duplicates" })).assets).toHaveLength(counts.nearDuplicates!);
    expect((await listAssets(t.db, projectId, { filter: "without-items" })).assets).toHaveLength(counts.withoutItems);
  });

  it("details an asset of the project: uploader, items, near-duplicates; null from another project", async () => {
    const user = await t.db.user.create({ data: { email: "u@counts.test", name: "Uma", role: "ANNOTATOR" } });
    const buffer = await patternImage(320, 240, 24).png().toBuffer();
    const storage = new LocalStorage(root);
    const asset = (await ingestImage(t.db, storage, { projectId, buffer, filename: "mine.png", uploadedById: user.id, license: "CC0" })).asset!;
    const near = (await ingestImage(t.db, storage, { projectId, buffer: await sharp(buffer).resize(160).jpeg().toBuffer(), filename: "near.jpg" })).asset!;
    const item = await t.db.item.create({ data: { projectId, assetId: asset.id, question: "Colour?", answerType: "SHORT_ANSWER", options: [], groundTruth: "red" } });
    const detail = (await assetDetail(t.db, projectId, asset.id))!;
    expect(detail.asset).toMatchObject({ id: asset.id, originalFilename: "mine.png", license: "CC0" });
    expect(detail.uploadedBy).toEqual({ name: "Uma", email: "u@counts.test" });
    expect(detail.items).toEqual([{ id: item.id, question: "Colour?", status: "DRAFT" }]);
    expect(detail.itemCount).toBe(1);
    expect(detail.nearDuplicates.map((m) => m.asset.id)).toEqual([near.id]);
    expect(detail.threshold).toBe(10);
    const other = (await t.db.project.create({ data: { name: "O", slug: "o", settings: {} } })).id;
    expect(await assetDetail(t.db, other, asset.id)).toBeNull();
    // The cached near-duplicate count follows the new pair.
    expect(await assetCounts(t.db, projectId)).toMatchObject({ all: 6, nearDuplicates: 4, nearDuplicatesStale: false });
  });
});
