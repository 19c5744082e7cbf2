import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { countContentLines, readLines, type InputLine } from "./lines";

async function collect(chunks: (string | Buffer)[], max?: number): Promise<InputLine[]> {
  const out: InputLine[] = [];
  for await (const line of readLines(chunks, max)) out.push(line);
  return out;
}

describe("readLines", () => {
  it("splits on newlines across chunks, numbering from 1, with CRLF and a BOM", async () => {
    expect(await collect(["\uFEFF{\"a\":1}\r\n{\"b\"", ":2}\n\n", "last"])).toEqual([
      { number: 1, text: '{"a":1}' },
      { number: 2, text: '{"b":2}' },
      { number: 3, text: "" },
      { number: 4, text: "last" },
    ]);
  });

  it("keeps a multi-byte character that is split between chunks", async () => {
    const bytes = Buffer.from('{"q":"né"}\n');
    const cut = bytes.indexOf(0xc3) + 1; // inside "é"
    expect(await collect([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual([{ number: 1, text: '{"q":"né"}' }]);
  });

  it("reports an overlong line without keeping it, and goes on", async () => {
    const lines = await collect(["short\n", "x".repeat(50), "y".repeat(60), "\nafter\n"], 100);
    expect(lines).toEqual([
      { number: 1, text: "short" },
      { number: 2, error: "longer than the line limit of 100 bytes" },
      { number: 3, text: "after" },
    ]);
  });
});

describe("countContentLines", () => {
  it("counts lines that are not blank, with or without a final newline", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "srt-lines-"));
    const file = path.join(dir, "m.jsonl");
    fs.writeFileSync(file, "{}\n\n  \r\n{}\n{}");
    expect(await countContentLines(file)).toBe(3);
    fs.writeFileSync(file, "{}\n");
    expect(await countContentLines(file)).toBe(1);
    fs.rmSync(dir, { recursive: true });
  });
});
