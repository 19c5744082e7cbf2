import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { BodyTooLarge } from "../api/http";
import { MULTIPART_OVERHEAD, parseUploadFields, readUploadForm, uploadStatus } from "./upload";

function formRequest(fields: [string, string | Blob, string?][], headers: Record<string, string> = {}) {
  const form = new FormData();
  for (const [name, value, filename] of fields) {
    if (typeof value === "string") form.append(name, value);
    else form.append(name, value, filename);
  }
  const request = new Request("http://test.local/upload", { method: "POST", body: form });
  return new Request(request, { headers: { ...Object.fromEntries(request.headers), ...headers } });
}

const png = new Blob([new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3])], { type: "image/png" });

function zodFields(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (error) {
    if (error instanceof ZodError) return Object.fromEntries(error.issues.map((i) => [i.path.join("."), i.message]));
    throw error;
  }
  throw new Error("no error");
}

describe("readUploadForm", () => {
  it("reads a multipart form", async () => {
    const form = await readUploadForm(formRequest([["file", png, "a.png"], ["source", "COCO"]]), 1024);
    expect((form.get("file") as File).name).toBe("a.png");
    expect(form.get("source")).toBe("COCO");
  });

  it("refuses other bodies with a field-named error", async () => {
    const json = new Request("http://test.local", { method: "POST", body: "{}", headers: { "content-type": "application/json" } });
    expect(await readUploadForm(json, 1024).catch(zodFieldsOf)).toEqual({ body: "expected multipart/form-data with one file" });
    const broken = new Request("http://test.local", { method: "POST", body: "garbage", headers: { "content-type": "multipart/form-data; boundary=xyz" } });
    expect(Object.keys(await readUploadForm(broken, 1024).catch(zodFieldsOf))).toEqual(["body"]);
  });

  it("refuses a body over the limit from its Content-Length without reading it", async () => {
    const request = formRequest([["file", png, "a.png"]], { "content-length": String(1024 + MULTIPART_OVERHEAD + 1) });
    await expect(readUploadForm(request, 1024)).rejects.toBeInstanceOf(BodyTooLarge);
  });

  it("stops reading a streamed body as soon as it is over the limit", async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled++;
        controller.enqueue(new Uint8Array(16 * 1024));
      },
    });
    const request = new Request("http://test.local", {
      method: "POST",
      body: endless,
      headers: { "content-type": "multipart/form-data; boundary=xyz" },
      duplex: "half",
    } as RequestInit);
    const error = await readUploadForm(request, 64 * 1024).catch((e) => e);
    expect(error).toBeInstanceOf(BodyTooLarge);
    expect(error).toMatchObject({ status: 413, field: "file", message: "The upload is over the 64.0 KB limit." });
    expect(pulled).toBeLessThan(20);
  });
});

async function zodFieldsOf(error: unknown) {
  return zodFields(() => {
    throw error;
  });
}

describe("parseUploadFields", () => {
  const parse = async (fields: [string, string | Blob, string?][]) => parseUploadFields(await readUploadForm(formRequest(fields), 1024));

  it("takes one file and the provenance fields, trimmed, defaulting to empty", async () => {
    const fields = await parse([["file", png, "a.png"], ["source", "  COCO "]]);
    expect(fields.file.name).toBe("a.png");
    expect(fields).toMatchObject({ source: "COCO", license: "", attribution: "" });
  });

  it("names the field: missing file, two files, text instead of a file, unknown field, too long", async () => {
    const form = async (fields: [string, string | Blob, string?][]) => readUploadForm(formRequest(fields), 1024);
    expect(zodFields(() => parseUploadFields(new FormData()))).toEqual({ file: "required: an image file" });
    const two = await form([["file", png, "a.png"], ["file", png, "b.png"]]);
    expect(zodFields(() => parseUploadFields(two))).toEqual({ file: "one file per request" });
    const text = await form([["file", "hello"]]);
    expect(zodFields(() => parseUploadFields(text))).toEqual({ file: "must be a file, not text" });
    const extra = await form([["file", png, "a.png"], ["licence", "CC-BY"]]);
    expect(zodFields(() => parseUploadFields(extra))).toEqual({ licence: "not an upload field (expected file, source, license, attribution)" });
    const long = await form([["file", png, "a.png"], ["license", "x".repeat(201)]]);
    expect(zodFields(() => parseUploadFields(long))).toEqual({ license: "at most 200 characters" });
  });
});

describe("uploadStatus", () => {
  it("is 201, 200 or 422, never a server error for a bad file", () => {
    expect(uploadStatus({ status: "imported", filename: "a", nearDuplicates: [] })).toBe(201);
    expect(uploadStatus({ status: "duplicate", filename: "a", nearDuplicates: [] })).toBe(200);
    expect(uploadStatus({ status: "rejected", filename: "a", nearDuplicates: [] })).toBe(422);
  });
});
