// A manifest import that arrives over HTTP instead of from a folder: the JSONL manifest plus the image
// files it names (each file under the path the manifest's `image` field uses), and/or lines whose
// `image` is "sha256:<hex>" of an image already in the project (uploaded before, one per request).
// The bundle is laid out in a private temporary folder and handed to importManifest, so the rules,
// results and guarantees are exactly the CLI's (line-atomic, idempotent, near-duplicates); the folder
// is removed afterwards whatever happens.
import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { z } from "zod";
import { fieldError } from "../api/http";
import type { Db } from "../db/client";
import { ingestInputSchema } from "../images/schemas";
import type { Storage } from "../storage/types";
import { importManifest } from "./manifest";
import type { ImportOptions } from "./options";
import { resolveInside, UnsafePath } from "./paths";
import type { ImportReport } from "./report";

/** Largest manifest request the API reads (the manifest and its images travel in one body). */
export const MAX_BUNDLE_BYTES = 200 * 1024 * 1024;

/** "sha256:<64 hex>": an image already stored in the project. */
export const SHA256_REF = /^sha256:([0-9a-fA-F]{64})$/;
/** Where referenced images are laid out inside the temporary folder (a name no real path collides with). */
const REF_DIR = ".sha256-refs";

export interface BundleFile {
  /** The path the manifest's `image` field uses, relative to the manifest ("img/0001.jpg"). */
  path: string;
  data: Blob | Uint8Array;
}

export interface ManifestBundle {
  manifest: string | Uint8Array;
  /** The manifest's file name, kept in the items' audit trail (default manifest.jsonl). */
  manifestName?: string;
  files: BundleFile[];
}

export interface BundleReport extends ImportReport {
  /** Files sent with the manifest that no line names (usually a typo in a path). */
  unusedFiles: string[];
}

/** A plain file name for the manifest that no image of the bundle uses. */
function manifestFileName(requested: string | undefined, taken: Set<string>): string {
  const base = path.posix.basename((requested ?? "").replace(/\\/g, "/")).replace(/[^\w.-]+/g, "_").slice(0, 120);
  for (const name of [base, "manifest.jsonl"]) if (name && !name.startsWith(".") && !taken.has(name)) return name;
  return `${REF_DIR}-manifest.jsonl`;
}

const slash = (p: string) => path.posix.normalize(p.trim().replace(/\\/g, "/"));

/**
 * Imports a manifest and its images into a project. Throws a ZodError naming `manifest` or `images`
 * for a bundle that cannot be laid out (unsafe or repeated file paths); problems of single lines are
 * reported per line, as for the CLI.
 */
export async function importManifestBundle(db: Db, storage: Storage, bundle: ManifestBundle, options: ImportOptions): Promise<BundleReport> {
  const text = typeof bundle.manifest === "string" ? bundle.manifest : Buffer.from(bundle.manifest).toString("utf8");
  if (text.trim() === "") throw fieldError("manifest", "is empty: send one JSON object per line");

  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), "srt-manifest-"));
  try {
    // 1. The images, each at its manifest path (inside the folder: no absolute paths or `..`).
    const sent = new Set<string>();
    for (const file of bundle.files) {
      let target: string;
      try {
        target = resolveInside(dir, file.path);
      } catch (error) {
        if (error instanceof UnsafePath) throw fieldError("images", `"${file.path}" ${error.message}`);
        throw error;
      }
      const key = slash(file.path);
      if (key.startsWith(`${REF_DIR}/`) || key === REF_DIR) throw fieldError("images", `"${file.path}": this folder name is reserved`);
      if (sent.has(key)) throw fieldError("images", `"${file.path}" is sent twice`);
      sent.add(key);
      await fsp.mkdir(path.dirname(target), { recursive: true });
      if (file.data instanceof Uint8Array) await fsp.writeFile(target, file.data, { flag: "wx" });
      else await pipeline(Readable.fromWeb(file.data.stream() as import("node:stream/web").ReadableStream), fs.createWriteStream(target, { flags: "wx" }));
    }

    // 2. Lines naming "sha256:<hex>": the stored original is laid out and the line points at it.
    const lines = text.split("\n");
    const refs = new Map<number, string>(); // line number → the reference as written
    const missing = new Map<number, string>();
    const named = new Set<string>();
    const wanted = new Map<string, number[]>();
    lines.forEach((line, index) => {
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        return; // importManifest reports it
      }
      if (typeof value !== "object" || value === null || Array.isArray(value)) return;
      const image = (value as { image?: unknown }).image;
      if (typeof image !== "string") return;
      const match = SHA256_REF.exec(image.trim());
      if (!match) {
        named.add(slash(image));
        return;
      }
      const sha = match[1].toLowerCase();
      refs.set(index + 1, image);
      wanted.set(sha, [...(wanted.get(sha) ?? []), index]);
      lines[index] = JSON.stringify({ ...value, image: `${REF_DIR}/${sha}` });
    });
    if (wanted.size > 0) {
      const assets = await db.asset.findMany({ where: { projectId: options.projectId, sha256: { in: [...wanted.keys()] } }, select: { sha256: true, storageKey: true } });
      const found = new Map(assets.map((a) => [a.sha256, a.storageKey]));
      await fsp.mkdir(path.join(dir, REF_DIR));
      for (const [sha, indexes] of wanted) {
        const key = found.get(sha);
        const stored = key ? await storage.get(key) : null;
        if (!stored) {
          for (const i of indexes) missing.set(i + 1, sha);
          continue;
        }
        await pipeline(stored.stream, fs.createWriteStream(path.join(dir, REF_DIR, sha), { flags: "wx" }));
      }
    }

    // 3. The manifest itself, then the CLI's import.
    const manifestPath = path.join(/* turbopackIgnore: true */ dir, manifestFileName(bundle.manifestName, sent));
    await fsp.writeFile(manifestPath, lines.join("\n"));
    const report = await importManifest(db, storage, { ...options, manifest: manifestPath });

    // Results speak of what the client sent: "sha256:…", not the temporary file.
    const missingMessage = (line: number) =>
      `line ${line}: image: no image with sha256 ${missing.get(line)} in this project (upload it first, or send the file with the manifest)`;
    for (const failure of report.failedLines) {
      if (failure.line === null) continue;
      if (missing.has(failure.line)) failure.error = missingMessage(failure.line);
      if (refs.has(failure.line)) failure.file = refs.get(failure.line)!;
    }
    for (const result of report.results) {
      if (result.line === undefined) continue;
      if (missing.has(result.line)) result.error = missingMessage(result.line);
      if (refs.has(result.line)) result.file = refs.get(result.line)!;
    }
    return { ...report, unusedFiles: [...sent].filter((p) => !named.has(p)).sort() };
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}

/** Multipart field names of a bundle: the manifest, its images (repeated), provenance for new images. */
export const BUNDLE_FIELDS = ["manifest", "images", "source", "license", "attribution"] as const;

const isFile = (value: unknown): value is File =>
  typeof value === "object" && value !== null && typeof (value as Blob).arrayBuffer === "function" && typeof (value as File).name === "string";

const provenance = ingestInputSchema.shape;
const bundleTextSchema = z.object({ source: provenance.source, license: provenance.license, attribution: provenance.attribution });

export interface ParsedBundleForm extends ManifestBundle {
  source: string;
  license: string;
  attribution: string;
}

/**
 * A multipart bundle: `manifest` (a file or a text field), `images` (files named, by their filename, with
 * the path the manifest uses), `source`, `license`, `attribution`. Throws a ZodError naming the field.
 */
export async function parseBundleForm(form: FormData): Promise<ParsedBundleForm> {
  const issues: z.core.$ZodIssue[] = [];
  const texts: Record<string, unknown> = {};
  const files: BundleFile[] = [];
  let manifest: string | File | undefined;
  let manifests = 0;
  form.forEach((value, key) => {
    if (key === "manifest") {
      manifests++;
      manifest = value;
    } else if (key === "images") {
      if (isFile(value)) files.push({ path: value.name, data: value });
      else issues.push({ code: "custom", path: ["images"], message: "must be files (each named by its path in the manifest), not text", input: undefined });
    } else if (key === "source" || key === "license" || key === "attribution") {
      if (key in texts) issues.push({ code: "custom", path: [key], message: "given twice", input: undefined });
      texts[key] = value;
    } else {
      issues.push({ code: "custom", path: [key], message: `not a field of a manifest import (expected ${BUNDLE_FIELDS.join(", ")})`, input: undefined });
    }
  });
  if (manifests === 0) issues.push({ code: "custom", path: ["manifest"], message: "required: the JSONL manifest, as a file or a text field", input: undefined });
  if (manifests > 1) issues.push({ code: "custom", path: ["manifest"], message: "one manifest per request", input: undefined });
  for (const file of files) if (file.path.trim() === "") issues.push({ code: "custom", path: ["images"], message: "every image needs a filename: its path in the manifest", input: undefined });
  const parsed = bundleTextSchema.safeParse(texts);
  if (!parsed.success) issues.push(...parsed.error.issues);
  if (issues.length > 0 || !parsed.success) throw new z.ZodError(issues);
  const m = manifest!;
  if (typeof m === "string") return { manifest: m, files, ...parsed.data };
  return { manifest: new Uint8Array(await m.arrayBuffer()), manifestName: m.name, files, ...parsed.data };
}
