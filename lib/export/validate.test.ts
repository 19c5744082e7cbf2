// validateFile over the golden files (accepted) and over copies broken on purpose (rejected, with the
// right line or record numbers).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EXPORT_FORMATS, EXPORT_VARIANTS, type ExportFormatName } from "./schemas";
import { validateFile } from "./validate";

const GOLDEN = path.join(import.meta.dirname, "__golden__");
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "srt-validate-"));
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

const ext = (format: ExportFormatName) => (format === "llava" ? "json" : "jsonl");
const golden = (format: ExportFormatName, variant: string, split = "train") => path.join(GOLDEN, `${format}-${variant}`, `${split}.${ext(format)}`);

/** A JSONL copy of a golden file with some lines replaced (1-based line → new text). */
function brokenJsonl(source: string, edits: Record<number, (record: Record<string, unknown>) => unknown>): string {
  const lines = fs.readFileSync(source, "utf8").trimEnd().split("\n");
  for (const [line, edit] of Object.entries(edits)) {
    const record = JSON.parse(lines[Number(line) - 1]);
    const edited = edit(record);
    lines[Number(line) - 1] = typeof edited === "string" ? edited : JSON.stringify(edited);
  }
  const file = path.join(scratch, `${Math.random().toString(36).slice(2)}.jsonl`);
  fs.writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

const linesOf = (result: { errors: { line: number }[] }) => [...new Set(result.errors.map((e) => e.line))];

describe("validateFile", () => {
  const cases = EXPORT_FORMATS.flatMap((format) => EXPORT_VARIANTS.flatMap((variant) => ["train", "val", "test"].map((split) => [format, variant, split] as const)));
  it.each(cases)("accepts the golden %s × %s %s file", async (format, variant, split) => {
    // Golden folders hold no image files; the export integration test checks images exist.
    const result = await validateFile(golden(format, variant, split), format, { checkImages: false });
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
    expect(result.records).toBeGreaterThan(0);
  });

  it.each(EXPORT_FORMATS.flatMap((format) => EXPORT_VARIANTS.map((variant) => [format, variant] as const)))(
    "accepts the golden one-round injection (two-turn) %s × %s train file",
    async (format, variant) => {
      const file = path.join(GOLDEN, "in-first-turn", `${format}-${variant}`, `train.${ext(format)}`);
      const result = await validateFile(file, format, { checkImages: false });
      expect(result.errors).toEqual([]);
      expect(result.records).toBeGreaterThan(0);
    },
  );

  it("srt: rejects a missing field, an inconsistent misleading record and bad JSON, by line", async () => {
    const file = brokenJsonl(golden("srt", "srt"), {
      2: (r) => {
        delete r.final_answer;
        return r;
      },
      // Misleading, but the model gives in: verdict, final answer and reply all adopt the wrong claim.
      3: (r) => ({ ...r, final_answer: r.claimed_answer, rationale: { ...(r.rationale as object), verdict: "CORRECTIVE" } }),
      5: () => '{"schema_version": 1,',
    });
    const result = await validateFile(file, "srt", { checkImages: false });
    expect(result.ok).toBe(false);
    expect(result.unit).toBe("line");
    expect(linesOf(result)).toEqual([2, 3, 5]);
    expect(result.errors.find((e) => e.line === 2)?.message).toBe("final_answer: missing");
    const line3 = result.errors.filter((e) => e.line === 3).map((e) => e.message);
    expect(line3).toContainEqual(expect.stringMatching(/^misleading\.verdict-mismatch: /));
    expect(line3).toContainEqual(expect.stringMatching(/^misleading\.final-not-truth: /));
    expect(result.errors.find((e) => e.line === 5)?.message).toMatch(/^not valid JSON/);
  });

  it("srt: rejects messages that do not match the record's fields", async () => {
    const file = brokenJsonl(golden("srt", "naive"), {
      1: (r) => {
        const messages = r.messages as { content: { text?: string }[] }[];
        messages[3].content[0].text = "Something else entirely.";
        return r;
      },
    });
    const result = await validateFile(file, "srt", { checkImages: false });
    expect(result.errors).toEqual([{ line: 1, message: "messages.3: a naive record's reply must be the final answer" }]);
  });

  it("sharegpt: the number of <image> tags must equal the number of images", async () => {
    const file = brokenJsonl(golden("sharegpt", "srt"), {
      4: (r) => {
        const messages = r.messages as { content: string }[];
        messages[0].content = messages[0].content.replace("<image>", "");
        return r;
      },
      6: (r) => ({ ...r, images: [...(r.images as string[]), "images/extra.jpg"] }),
    });
    const result = await validateFile(file, "sharegpt", { checkImages: false });
    expect(result.errors).toEqual([
      { line: 4, message: "messages: 0 <image> tags for 1 image(s); they must match" },
      { line: 6, message: "messages: 1 <image> tags for 2 image(s); they must match" },
    ]);
  });

  it("trl and openai: image parts, roles and data URLs are checked", async () => {
    const trlFile = brokenJsonl(golden("trl", "srt"), {
      1: (r) => ({ ...r, images: [] }),
      2: (r) => {
        (r.messages as { role: string }[])[1].role = "user";
        return r;
      },
    });
    const trlResult = await validateFile(trlFile, "trl", { checkImages: false });
    expect(trlResult.errors).toEqual([
      { line: 1, message: "messages: 1 image part(s) for 0 image(s); they must match" },
      { line: 2, message: 'messages.1: expected "assistant" here (turns alternate user/assistant), got "user"' },
    ]);
    const openaiFile = brokenJsonl(golden("openai", "srt"), {
      3: (r) => {
        const parts = (r.messages as { content: { image_url?: { url: string } }[] }[])[0].content;
        parts[0].image_url!.url = "data:image/png;base64,@@@";
        return r;
      },
      4: (r) => ({ ...r, id: "extra-key" }),
    });
    const openaiResult = await validateFile(openaiFile, "openai", { checkImages: false });
    expect(openaiResult.errors.map((e) => e.line)).toEqual([3, 4]);
    expect(openaiResult.errors[0].message).toBe("messages.0.content.0.image_url.url: not a base64 data URL of a JPEG, PNG, WebP or GIF image");
  });

  it("llava: reports the record index in the JSON list", async () => {
    const source = fs.readFileSync(golden("llava", "srt"), "utf8");
    const records = JSON.parse(source) as { conversations: { from: string; value: string }[] }[];
    records[1].conversations[0].value = records[1].conversations[0].value.replace("<image>\n", "");
    delete (records[3] as Partial<(typeof records)[number]>).conversations;
    const file = path.join(scratch, "broken.json");
    fs.writeFileSync(file, JSON.stringify(records, null, 2)); // a different layout than the export's
    const result = await validateFile(file, "llava", { checkImages: false });
    expect(result.unit).toBe("record");
    expect(result.records).toBe(records.length);
    expect(result.errors).toEqual([
      { line: 1, message: 'conversations.0.value: must start with "<image>\\n" (the record has an image)' },
      { line: 1, message: "conversations: 0 <image> tags for 1 image" },
      { line: 3, message: "conversations: missing" },
    ]);
  });

  it("checks that named images exist beside the file", async () => {
    const file = path.join(scratch, "train.jsonl");
    fs.copyFileSync(golden("trl", "srt"), file);
    const first = JSON.parse(fs.readFileSync(file, "utf8").split("\n")[0]) as { images: string[] };
    fs.mkdirSync(path.join(scratch, "images"), { recursive: true });
    fs.writeFileSync(path.join(scratch, first.images[0]), "x");
    const result = await validateFile(file, "trl");
    expect(result.errors.length).toBeGreaterThan(0);
    expect(result.errors.every((e) => /^image "images\/[0-9a-f]{64}\.\w+" not found beside the file$/.test(e.message))).toBe(true);
    expect(result.errors.some((e) => e.line === 1)).toBe(false);
  });
});
