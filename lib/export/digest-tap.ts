import { createHash } from "node:crypto";
import { Transform } from "node:stream";

/** A pass-through stream that hashes (sha256) and counts what flows through it, for a pipeline's middle. */
export function digestTap() {
  const hash = createHash("sha256");
  let bytes = 0;
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  return { stream, digest: () => ({ bytes, sha256: hash.digest("hex") }) };
}
