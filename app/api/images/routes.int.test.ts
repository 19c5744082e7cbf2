// The image routes against a real database and storage folder: upload (POST /api/projects/<slug>/assets),
// the asset grid's pages (GET …/assets) and serving (GET /api/images/<projectId>/<sha256>/<variant>).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SessionUser } from "@/lib/auth/roles";
import { createApiToken } from "@/lib/auth/tokens";
import { sharp } from "@/lib/images/sharp";
import { patternImage } from "@/lib/images/test-images";
import type { UploadResultView } from "@/lib/images/web/upload-result";
import { LocalStorage } from "@/lib/storage/local";
import { createTestDb, type TestDb } from "@/lib/testing/db";
import { GET as serveImage } from "./[projectId]/[sha256]/[variant]/route";
import { GET as listAssets, POST as upload } from "../projects/[slug]/assets/route";

type Who = "admin" | "member" | "reviewer" | "outsider";

describe(`image routes (${process.env.SRT_TEST_DB ?? "sqlite"})`, () => {
  let t: TestDb;
  let root: string;
  const tokens = {} as Record<Who, string>;
  const users = {} as Record<Who, SessionUser>;
  let p: { id: string; slug: string };
  let q: { id: string; slug: string };
  const images: Record<string, Buffer> = {};

  beforeAll(async () => {
    t = await createTestDb();
    root = fs.mkdtempSync(path.join(os.tmpdir(), "srt-image-routes-"));
    const g = globalThis as { srtDb?: unknown; srtStorage?: unknown };
    g.srtDb = t.db;
    g.srtStorage = new LocalStorage(root);
    p = await t.db.project.create({ data: { name: "P", slug: "p", settings: {} }, select: { id: true, slug: true } });
    q = await t.db.project.create({ data: { name: "Q", slug: "q", settings: {} }, select: { id: true, slug: true } });
    const roles: Record<Who, "ADMIN" | "ANNOTATOR" | "REVIEWER"> = { admin: "ADMIN", member: "ANNOTATOR", reviewer: "REVIEWER", outsider: "ANNOTATOR" };
    for (const [who, role] of Object.entries(roles) as [Who, (typeof roles)[Who]][]) {
      const row = await t.db.user.create({ data: { email: `${who}@routes.test`, name: who, role } });
      users[who] = { id: row.id, email: row.email, name: row.name, role };
      tokens[who] = (await createApiToken(t.db, users[who], { name: "test" })).token;
    }
    for (const who of ["member", "reviewer"] as const) await t.db.projectMember.create({ data: { projectId: p.id, userId: users[who].id } });
    await t.db.projectMember.create({ data: { projectId: q.id, userId: users.outsider.id } });
    images.a = await patternImage(800, 600, 11).png().toBuffer();
    images.aSmall = await sharp(images.a).resize(400).jpeg({ quality: 70 }).toBuffer();
    images.b = await patternImage(640, 480, 12).jpeg().toBuffer();
    images.c = await patternImage(500, 500, 13).png().toBuffer();
    images.cLeft = await sharp(images.c).resize(300).webp({ quality: 60 }).toBuffer();
    images.cRight = await sharp(images.c).resize(250).jpeg({ quality: 60 }).toBuffer();
  });
  afterAll(async () => {
    delete (globalThis as { srtDb?: unknown }).srtDb;
    delete (globalThis as { srtStorage?: unknown }).srtStorage;
    await t?.drop();
    fs.rmSync(root, { recursive: true, force: true });
  });

  const auth = (who: Who) => ({ authorization: `Bearer ${tokens[who]}` });
  const ctx = <P>(params: P) => ({ params: Promise.resolve(params) });

  async function post(who: Who, fields: Record<string, string | [Buffer, string]>, slug = p.slug) {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) {
      if (typeof value === "string") form.append(name, value);
      else form.append(name, new Blob([new Uint8Array(value[0])]), value[1]);
    }
    const request = new Request(`http://test.local/api/projects/${slug}/assets`, { method: "POST", body: form, headers: auth(who) });
    const response = await upload(request, ctx({ slug }));
    return { status: response.status, body: (await response.json()) as UploadResultView & { error?: string } };
  }

  const serve = (who: Who, projectId: string, sha256: string, variant: string, headers: Record<string, string> = {}) =>
    serveImage(new Request(`http://test.local/api/images/${projectId}/${sha256}/${variant}`, { headers: { ...auth(who), ...headers } }), ctx({ projectId, sha256, variant }));

  describe("upload", () => {
    it("imports a file with the batch's provenance, as the uploader, with an audit event", async () => {
      const { status, body } = await post("member", { file: [images.a, "holiday/a.png"], source: "field trip", license: "CC-BY-4.0", attribution: "Ann" });
      expect(status).toBe(201);
      expect(body).toMatchObject({ status: "imported", filename: "a.png", nearDuplicates: [] });
      const asset = await t.db.asset.findUniqueOrThrow({ where: { id: body.asset!.id } });
      expect(asset).toMatchObject({ projectId: p.id, originalFilename: "a.png", source: "field trip", license: "CC-BY-4.0", attribution: "Ann", uploadedById: users.member.id });
      expect(body.asset).toEqual({ id: asset.id, filename: "a.png", href: `/projects/p/assets/${asset.id}`, thumbUrl: `/api/images/${p.id}/${asset.sha256}/thumb` });
      expect(await t.db.auditEvent.count({ where: { entity: "Asset", entityId: asset.id, actorId: users.member.id } })).toBe(1);
    });

    it("answers a duplicate with the asset that holds the bytes, and a near-duplicate with its distance", async () => {
      const first = await t.db.asset.findFirstOrThrow({ where: { projectId: p.id, originalFilename: "a.png" } });
      const dup = await post("member", { file: [images.a, "again.png"] });
      expect(dup.status).toBe(200);
      expect(dup.body).toMatchObject({ status: "duplicate", filename: "again.png", asset: { id: first.id, filename: "a.png" } });
      const near = await post("member", { file: [images.aSmall, "a-small.jpg"] });
      expect(near.status).toBe(201);
      expect(near.body.nearDuplicates).toEqual([{ id: first.id, filename: "a.png", href: `/projects/p/assets/${first.id}`, distance: expect.any(Number) }]);
      expect(near.body.nearDuplicates[0].distance).toBeLessThanOrEqual(10);
    });

    it("uploads arriving together see each other's near-duplicates", async () => {
      const results = await Promise.all([post("member", { file: [images.cLeft, "c-left.webp"] }), post("member", { file: [images.cRight, "c-right.jpg"] })]);
      expect(results.map((r) => r.status)).toEqual([201, 201]);
      const flagged = results.filter((r) => r.body.nearDuplicates.length > 0);
      expect(flagged).toHaveLength(1);
      const other = results.find((r) => r !== flagged[0])!;
      expect(flagged[0].body.nearDuplicates[0].id).toBe(other.body.asset!.id);
    });

    it("refuses a bad file with its reason (422) and stores nothing", async () => {
      const before = await t.db.asset.count();
      const { status, body } = await post("member", { file: [Buffer.from("<svg onload=alert(1)>"), "evil.png"] });
      expect(status).toBe(422);
      expect(body).toMatchObject({ status: "rejected", filename: "evil.png", code: "SVG_REFUSED" });
      expect(body.reason).toMatch(/SVG is not accepted/);
      expect(await t.db.asset.count()).toBe(before);
    });

    it("applies IMAGE_MAX_BYTES: refused by the pipeline (422), or from the body size before reading (413)", async () => {
      process.env.IMAGE_MAX_BYTES = "1000";
      try {
        const small = await post("member", { file: [Buffer.alloc(2_000, 1), "big.png"] });
        expect(small.status).toBe(422);
        expect(small.body).toMatchObject({ code: "TOO_MANY_BYTES", reason: "the file is 2.0 KB, over the 1000 B limit" });
        const huge = await post("member", { file: [Buffer.alloc(200_000, 1), "huge.png"] });
        expect(huge.status).toBe(413);
        expect(huge.body).toMatchObject({ status: "rejected", code: "TOO_MANY_BYTES", reason: "The upload is over the 1000 B limit." });
      } finally {
        delete process.env.IMAGE_MAX_BYTES;
      }
    });

    it("names the wrong field (400)", async () => {
      expect(await post("member", {})).toMatchObject({ status: 400, body: { error: "file: required: an image file" } });
      const typo = await post("member", { file: [images.b, "b.jpg"], licence: "MIT" });
      expect(typo.status).toBe(400);
      expect(typo.body.error).toMatch(/^licence: not an upload field/);
      const long = await post("member", { file: [images.b, "b.jpg"], source: "x".repeat(501) });
      expect(long.body.error).toBe("source: at most 500 characters");
      const json = await upload(new Request("http://test.local/x", { method: "POST", body: "{}", headers: { ...auth("member"), "content-type": "application/json" } }), ctx({ slug: p.slug }));
      expect(json.status).toBe(415);
    });

    it("refuses non-members (403), reviewers (403), and answers 404 for an unknown project only to admins", async () => {
      expect((await post("outsider", { file: [images.b, "b.jpg"] })).status).toBe(403);
      expect((await post("reviewer", { file: [images.b, "b.jpg"] })).status).toBe(403);
      expect((await post("outsider", { file: [images.b, "b.jpg"] }, "nope")).status).toBe(403);
      expect((await post("admin", { file: [images.b, "b.jpg"] }, "nope")).status).toBe(404);
      expect(await t.db.asset.count({ where: { originalFilename: "b.jpg" } })).toBe(0);
    });
  });

  describe("asset pages", () => {
    const list = async (who: Who, query: string, slug = p.slug) => {
      const response = await listAssets(new Request(`http://test.local/api/projects/${slug}/assets?${query}`, { headers: auth(who) }), ctx({ slug }));
      return { status: response.status, body: await response.json() };
    };

    it("pages newest first by cursor, as cards with thumbnail links and sizes", async () => {
      const all = await t.db.asset.findMany({ where: { projectId: p.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
      const first = await list("reviewer", "limit=2");
      expect(first.status).toBe(200);
      expect(first.body.assets.map((a: { id: string }) => a.id)).toEqual(all.slice(0, 2).map((a) => a.id));
      expect(first.body.assets[0]).toMatchObject({ href: `/projects/p/assets/${all[0].id}`, thumbUrl: `/api/images/${p.id}/${all[0].sha256}/thumb`, itemCount: 0 });
      const second = await list("reviewer", `limit=2&cursor=${first.body.nextCursor}`);
      expect(second.body.assets.map((a: { id: string }) => a.id)).toEqual(all.slice(2, 4).map((a) => a.id));
      const near = await list("member", "filter=near-duplicates");
      expect(near.body.assets).toHaveLength(4);
      expect(near.body.nextCursor).toBeNull();
    });

    it("refuses bad queries by name and other projects' members", async () => {
      const garbage = await list("member", "cursor=garbage");
      expect(garbage.status).toBe(400);
      expect(garbage.body).toMatchObject({ code: "INVALID", issues: [{ field: "cursor", message: "Not a cursor returned by listAssets." }] });
      expect((await list("member", "filter=bogus")).status).toBe(400);
      expect((await list("member", "limit=1000")).body.error).toMatch(/^limit:/);
      expect((await list("outsider", "")).status).toBe(403);
    });
  });

  describe("serving", () => {
    it("serves each variant to members with immutable caching, a strong ETag and the right type", async () => {
      const asset = await t.db.asset.findFirstOrThrow({ where: { projectId: p.id, originalFilename: "a.png" } });
      const thumb = await serve("reviewer", p.id, asset.sha256, "thumb");
      expect(thumb.status).toBe(200);
      expect(Object.fromEntries(thumb.headers)).toMatchObject({
        "cache-control": "private, max-age=31536000, immutable",
        etag: `"${asset.sha256}-thumb"`,
        "content-type": "image/webp",
        "x-content-type-options": "nosniff",
      });
      const bytes = Buffer.from(await thumb.arrayBuffer());
      expect(bytes.equals(fs.readFileSync(path.join(root, asset.thumbnailKey)))).toBe(true);
      expect(thumb.headers.get("content-length")).toBe(String(bytes.length));
      expect(thumb.headers.get("content-disposition")).toBeNull();

      const display = await serve("member", p.id, asset.sha256, "display");
      expect((await sharp(Buffer.from(await display.arrayBuffer())).metadata()).width).toBe(800);

      const original = await serve("admin", p.id, asset.sha256, "original");
      expect(original.headers.get("content-type")).toBe("image/png");
      expect(original.headers.get("content-disposition")).toBe(`attachment; filename="a.png"; filename*=UTF-8''a.png`);
      expect(Buffer.from(await original.arrayBuffer()).equals(images.a)).toBe(true);
    });

    it("answers 304 without a body when the ETag matches", async () => {
      const asset = await t.db.asset.findFirstOrThrow({ where: { projectId: p.id, originalFilename: "a.png" } });
      const response = await serve("member", p.id, asset.sha256, "thumb", { "if-none-match": `"${asset.sha256}-thumb"` });
      expect(response.status).toBe(304);
      expect(response.body).toBeNull();
      expect(response.headers.get("etag")).toBe(`"${asset.sha256}-thumb"`);
      expect(response.headers.get("cache-control")).toBe("private, max-age=31536000, immutable");
      const other = await serve("member", p.id, asset.sha256, "display", { "if-none-match": `"${asset.sha256}-thumb"` });
      expect(other.status).toBe(200);
      await other.body?.cancel();
    });

    it("refuses non-members (403) and images that are not the project's (404); names bad parameters (400)", async () => {
      const asset = await t.db.asset.findFirstOrThrow({ where: { projectId: p.id, originalFilename: "a.png" } });
      expect((await serve("outsider", p.id, asset.sha256, "thumb")).status).toBe(403);
      expect((await serve("outsider", "no-such-project", asset.sha256, "thumb")).status).toBe(403);
      // The same bytes addressed through another project: only if that project holds them.
      expect((await serve("admin", q.id, asset.sha256, "thumb")).status).toBe(404);
      expect((await serve("member", p.id, "0".repeat(64), "thumb")).status).toBe(404);
      const bad = await serve("member", p.id, "../../etc/passwd", "raw");
      expect(bad.status).toBe(400);
      expect((await bad.json()).error).toBe("sha256: 64 lower-case hex digits; variant: one of thumb, display, original");
    });
  });
});
