// JSONL lines from a stream in constant memory: bytes are split on "\n" before decoding (so a
// multi-byte character split across chunks survives), and an overlong line is reported, not buffered.
import fs from "node:fs";

export const MAX_LINE_BYTES = 1024 * 1024;

export type InputLine = { number: number; text: string } | { number: number; error: string };

export async function* readLines(stream: AsyncIterable<Buffer | string> | Iterable<Buffer | string>, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<InputLine> {
  let parts: Buffer[] = [];
  let size = 0;
  let overflow = false;
  let number = 0;

  const append = (bytes: Buffer) => {
    if (overflow || bytes.length === 0) return;
    if (size + bytes.length > maxLineBytes) {
      overflow = true;
      parts = [];
      return;
    }
    parts.push(bytes);
    size += bytes.length;
  };
  const finish = (): InputLine => {
    number++;
    const line: InputLine = overflow
      ? { number, error: `longer than the line limit of ${limitText(maxLineBytes)}` }
      : { number, text: decode(Buffer.concat(parts, size), number === 1) };
    parts = [];
    size = 0;
    overflow = false;
    return line;
  };

  for await (const piece of stream) {
    const chunk = typeof piece === "string" ? Buffer.from(piece) : piece;
    let start = 0;
    for (let newline = chunk.indexOf(10, start); newline !== -1; newline = chunk.indexOf(10, start)) {
      append(chunk.subarray(start, newline));
      yield finish();
      start = newline + 1;
    }
    append(chunk.subarray(start));
  }
  if (size > 0 || overflow) yield finish();
}

function limitText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
  return bytes >= 1024 ? `${(bytes / 1024).toFixed(0)} KB` : `${bytes} bytes`;
}

function decode(bytes: Buffer, first: boolean): string {
  let text = bytes.toString("utf8");
  if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1); // byte-order mark
  return text.endsWith("\r") ? text.slice(0, -1) : text;
}

/** Lines with anything but whitespace, counted in one streamed pass (for progress totals). */
export async function countContentLines(file: string): Promise<number> {
  let count = 0;
  let hasContent = false;
  for await (const chunk of fs.createReadStream(file) as AsyncIterable<Buffer>) {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i];
      if (byte === 10) {
        if (hasContent) count++;
        hasContent = false;
      } else if (byte !== 32 && byte !== 9 && byte !== 13) hasContent = true;
    }
  }
  return hasContent ? count + 1 : count;
}
