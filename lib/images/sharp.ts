// The one place sharp is configured for SRT Studio.
import sharp from "sharp";

// libvips' operation cache pays off when the same input is processed repeatedly; ingest never does,
// so over a long import the cache would only hold memory.
sharp.cache(false);

// Parallelism comes from processing several images at once (the import's concurrency, the web
// server's requests), each on libuv's thread pool. One libvips worker thread per image keeps N images
// on N cores without oversubscribing them (and is sharp's own default on glibc without jemalloc).
sharp.concurrency(Number(process.env.SHARP_CONCURRENCY) || 1);

export { sharp };
