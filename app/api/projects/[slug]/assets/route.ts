import os from "node:os";
import { z } from "zod";
import { BodyTooLarge } from "@/lib/api/http";
import { bodyRules } from "@/lib/api/request-checks";
import { getDb } from "@/lib/db/client";
import { ASSET_FILTERS } from "@/lib/images/schemas";
import { ingestImage } from "@/lib/images/ingest";
import { listAssets } from "@/lib/images/assets";
import { NearDuplicateIndex } from "@/lib/images/near-duplicates";
import { Semaphore } from "@/lib/images/slots";
import { imageLimitsFromEnv } from "@/lib/images/limits";
import { toAssetCard, type AssetCardPage } from "@/lib/images/web/cards";
import { SharedIndexes } from "@/lib/images/shared-index";
import { describeIngest, MULTIPART_OVERHEAD, parseUploadFields, readUploadForm, uploadStatus } from "@/lib/images/upload";
import { projectForUser } from "@/lib/projects/access";
import { getStorage } from "@/lib/storage";
import { defineRoute } from "@/app/_server/define-route";

const listQuerySchema = z.object({
  filter: z.enum(ASSET_FILTERS).default("all"),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(48),
});

/** GET /api/projects/<slug>/assets?filter=all|without-items|near-duplicates&cursor=…&limit=48: one page of the asset grid. */
export const GET = defineRoute<{ slug: string }>("viewProject", async (request, { user, db, params }) => {
  const project = await projectForUser(db, user, params.slug);
  const query = listQuerySchema.parse(Object.fromEntries(new URL(request.url).searchParams));
  const page = await listAssets(db, project.id, query);
  const body: AssetCardPage = { assets: page.assets.map((a) => toAssetCard(a, project.slug)), nextCursor: page.nextCursor };
  return Response.json(body);
});

// Uploads of one project that overlap in time share a near-duplicate index (see SharedIndexes), and
// at most one image per core is decoded and encoded at once, however many requests arrive.
const state = globalThis as unknown as { srtUploadIndexes?: SharedIndexes<NearDuplicateIndex>; srtUploadCpu?: Semaphore };

/**
 * POST /api/projects/<slug>/assets, multipart: `file` (one image), `source`, `license`, `attribution`.
 * 201 imported, 200 duplicate, 413/422 rejected, each with the per-file result the uploader shows.
 */
export const POST = defineRoute<{ slug: string }>("importData", async (request, { user, db, params }) => {
  const project = await projectForUser(db, user, params.slug);
  const limits = imageLimitsFromEnv();
  let form: FormData;
  try {
    form = await readUploadForm(request, limits.maxBytes);
  } catch (error) {
    if (!(error instanceof BodyTooLarge)) throw error;
    // Over the route's outer limit (checked first, from Content-Length): said as the file's limit.
    const tooLarge = error.field === "file" ? error : new BodyTooLarge(limits.maxBytes, "file");
    // Answered as a rejected file (what the uploader lists), not as a request error.
    return Response.json({ status: "rejected", filename: "", nearDuplicates: [], code: "TOO_MANY_BYTES", reason: tooLarge.message, error: tooLarge.message }, { status: tooLarge.status });
  }
  const fields = parseUploadFields(form);
  const buffer = Buffer.from(await fields.file.arrayBuffer());
  const indexes = (state.srtUploadIndexes ??= new SharedIndexes((projectId) => NearDuplicateIndex.load(getDb(), projectId)));
  const cpu = (state.srtUploadCpu ??= new Semaphore(Math.max(1, os.availableParallelism())));
  const result = await indexes.use(project.id, (index) =>
    ingestImage(
      db,
      getStorage(),
      { projectId: project.id, buffer, filename: fields.file.name, source: fields.source, license: fields.license, attribution: fields.attribution, uploadedById: user.id },
      { limits, index, cpu },
    ),
  );
  const view = await describeIngest(db, result, project);
  return Response.json(view, { status: uploadStatus(view) });
  // The route's outer limit leaves room so that readUploadForm's own check (one file + framing) answers
  // first, with the per-file result the uploader shows.
}, { body: bodyRules.of(["multipart/form-data"], () => imageLimitsFromEnv().maxBytes + 2 * MULTIPART_OVERHEAD) });
