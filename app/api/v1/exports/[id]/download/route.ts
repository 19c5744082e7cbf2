import { Readable } from "node:stream";
import { contentRange } from "@/lib/api/range";
import { ConflictError } from "@/lib/errors";
import { openJobArchive } from "@/lib/export/archive-store";
import { defineRoute } from "@/app/_server/define-route";
import { exportJobForUser } from "@/lib/projects/access";
import { getStorage } from "@/lib/storage";

/**
 * GET /api/v1/exports/<id>/download: the finished export's .tar.gz, streamed from this server's disk or
 * from shared storage (whichever instance ran the job; never held in memory), to members of the job's
 * project with the exportData permission. A Range header (one range, If-Range matching the ETag) resumes
 * an interrupted download: 206 with those bytes, 416 past the end.
 */
export const GET = defineRoute<{ id: string }>("exportData", async (request, { user, db, params }) => {
  const job = await exportJobForUser(db, user, params.id);
  const etag = job.sha256 ? `"${job.sha256}"` : null;
  const ifRange = request.headers.get("if-range");
  // A range only of the same archive: If-Range must name its ETag (a date or another ETag → all of it).
  const rangeHeader = ifRange === null || (etag !== null && ifRange === etag) ? request.headers.get("range") : null;
  const archive = await openJobArchive(job, getStorage(), rangeHeader);
  if (!archive) {
    const why = job.status === "SUCCEEDED" ? "its archive is no longer on the server" : `it is ${job.status.toLowerCase()}, not succeeded`;
    throw new ConflictError(`Nothing to download: ${why}.`, { field: "id" });
  }
  const common = { "accept-ranges": "bytes", "cache-control": "private, no-store", "x-content-type-options": "nosniff", ...(etag ? { etag } : {}) };
  if (archive.stream === null) return new Response(null, { status: 416, headers: { ...common, "content-range": contentRange(null, archive.bytes) } });
  const { range } = archive;
  const length = range ? range.end - range.start + 1 : archive.bytes;
  // A client that goes away cancels the web stream, which destroys the file or S3 stream.
  return new Response(Readable.toWeb(archive.stream) as ReadableStream<Uint8Array>, {
    status: range ? 206 : 200,
    headers: {
      ...common,
      "content-type": "application/gzip",
      // Next.js 16 drops Content-Length from route handler responses (it sends chunked), so the size
      // also travels in Content-Disposition's size parameter (RFC 2183) and in the job's `bytes`.
      "content-length": String(length),
      "content-disposition": `attachment; filename="${archive.filename.replace(/[^\w.-]/g, "_")}"; size=${archive.bytes}`,
      ...(range ? { "content-range": contentRange(range, archive.bytes) } : {}),
    },
  });
});
