// HTTP byte ranges (RFC 9110 §14): a client resuming a large download asks for the bytes it lacks.
// Only one range is served; anything else a server may ignore is answered with the whole body.

/** Inclusive byte positions. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * The one range a Range header asks for within `total` bytes: null to send the whole body (no header,
 * another unit, several ranges, a malformed one), "unsatisfiable" for 416 (it starts past the end).
 */
export function parseByteRange(header: string | null | undefined, total: number): ByteRange | null | "unsatisfiable" {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? "");
  if (!match || (match[1] === "" && match[2] === "")) return null;
  const [first, last] = [match[1], match[2]];
  if (first === "") {
    const suffix = Number(last); // the last n bytes
    if (suffix === 0 || total === 0) return "unsatisfiable";
    return { start: Math.max(0, total - suffix), end: total - 1 };
  }
  const start = Number(first);
  if (last !== "" && Number(last) < start) return null;
  if (start >= total) return "unsatisfiable";
  return { start, end: last === "" ? total - 1 : Math.min(Number(last), total - 1) };
}

/** The Content-Range of a 206 (a range) or a 416 (null: the total only). */
export function contentRange(range: ByteRange | null, total: number): string {
  return range ? `bytes ${range.start}-${range.end}/${total}` : `bytes */${total}`;
}
