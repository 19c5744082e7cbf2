import { Readable } from "node:stream";
import { NotFoundError } from "@/lib/errors";
import { imageParamsSchema, imageHeaders, etagMatches, contentDisposition } from "@/lib/images/http";
import { assertProjectAccess } from "@/lib/projects/access";
import { getStorage } from "@/lib/storage";
import { defineRoute } from "@/app/_server/define-route";

/**
 * GET /api/images/<projectId>/<sha256>/<thumb|display|original>: a project's image, to its members
 * (ADMINs: every project). Content-addressed, so cached for a year and revalidated by ETag; streamed
 * from storage, never held in memory.
 */
export const GET = defineRoute<{ projectId: string; sha256: string; variant: string }>("viewProject", async (request, { user, db, params }) => {
  const { projectId, sha256, variant } = imageParamsSchema.parse(params);
  await assertProjectAccess(db, user, projectId);
  const asset = await db.asset.findUnique({
    where: { projectId_sha256: { projectId, sha256 } },
    select: { storageKey: true, displayKey: true, thumbnailKey: true, mime: true, originalFilename: true },
  });
  if (!asset) throw new NotFoundError("image", sha256, { field: "sha256" });

  const headers: Record<string, string> = imageHeaders(variant, sha256);
  if (variant === "original") headers["content-disposition"] = contentDisposition(asset.originalFilename, asset.mime, sha256);
  if (etagMatches(request.headers.get("if-none-match"), headers.etag)) return new Response(null, { status: 304, headers });

  const key = variant === "thumb" ? asset.thumbnailKey : variant === "display" ? asset.displayKey : asset.storageKey;
  const stored = await getStorage().get(key);
  if (!stored) {
    console.error(`image ${projectId}/${sha256}/${variant}: storage has no ${key}`);
    throw new NotFoundError("image", sha256, { field: "sha256" });
  }
  headers["content-type"] = variant === "original" ? asset.mime : "image/webp";
  headers["content-length"] = String(stored.size);
  // A client that goes away cancels the web stream, which destroys the file stream (and its handle).
  return new Response(Readable.toWeb(stored.stream) as ReadableStream<Uint8Array>, { status: 200, headers });
});
