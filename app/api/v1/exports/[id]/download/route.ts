import { Readable } from "node:stream";
import { ConflictError } from "@/lib/errors";
import { openJobArchive } from "@/lib/export/archive-store";
import { defineRoute } from "@/app/_server/define-route";
import { exportJobForUser } from "@/lib/projects/access";
import { getStorage } from "@/lib/storage";

/**
 * GET /api/v1/exports/<id>/download: the finished export's .tar.gz, streamed from this server's disk or
 * from shared storage (whichever instance ran the job; never held in memory), to members of the job's
 * project with the exportData permission.
 */
export const GET = defineRoute<{ id: string }>("exportData", async (_request, { user, db, params }) => {
  const job = await exportJobForUser(db, user, params.id);
  const archive = await openJobArchive(job, getStorage());
  if (!archive) {
    const why = job.status === "SUCCEEDED" ? "its archive is no longer on the server" : `it is ${job.status.toLowerCase()}, not succeeded`;
    throw new ConflictError(`Nothing to download: ${why}.`, { field: "id" });
  }
  // A client that goes away cancels the web stream, which destroys the file or S3 stream.
  return new Response(Readable.toWeb(archive.stream) as ReadableStream<Uint8Array>, {
    status: 200,
    headers: {
      "content-type": "application/gzip",
      // Next.js 16 drops Content-Length from route handler responses (it sends chunked), so the size
      // also travels in Content-Disposition's size parameter (RFC 2183) and in the job's `bytes`.
      "content-length": String(archive.bytes),
      "content-disposition": `attachment; filename="${archive.filename.replace(/[^\w.-]/g, "_")}"; size=${archive.bytes}`,
      "cache-control": "private, no-store",
      "x-content-type-options": "nosniff",
      ...(job.sha256 ? { etag: `"${job.sha256}"` } : {}),
    },
  });
});
