import { fieldError, limitBody, mediaType, tooLargeOf } from "@/lib/api/http";
import { bodyRules } from "@/lib/api/request-checks";
import { imageLimitsFromEnv } from "@/lib/images/limits";
import { importManifestBundle, MAX_BUNDLE_BYTES, parseBundleForm, type ParsedBundleForm } from "@/lib/import/bundle";
import { getStorage } from "@/lib/storage";
import { defineRoute } from "@/app/_server/define-route";
import { projectForUser } from "@/lib/projects/access";

const MANIFEST_TYPES = ["application/x-ndjson", "application/jsonl", "application/jsonlines", "text/plain"];

/** The bundle of the request, read within MAX_BUNDLE_BYTES; a ZodError names what is wrong with it. */
async function readBundle(request: Request): Promise<ParsedBundleForm> {
  const type = mediaType(request);
  const body = limitBody(request, MAX_BUNDLE_BYTES);
  if (type === "multipart/form-data") {
    let form: FormData;
    try {
      form = await body.formData();
    } catch (error) {
      const tooLarge = tooLargeOf(error);
      if (tooLarge) throw tooLarge;
      throw fieldError("body", `not a readable multipart form (${error instanceof Error ? error.message : String(error)})`);
    }
    return parseBundleForm(form);
  }
  if (MANIFEST_TYPES.includes(type)) return { manifest: await body.text(), files: [], source: "", license: "", attribution: "" };
  throw fieldError("body", "send multipart/form-data (manifest + images) or the manifest alone as application/x-ndjson");
}

/**
 * POST /api/v1/projects/<slug>/manifest: a JSONL manifest, as multipart (`manifest` + `images` named by
 * their manifest path + provenance) or alone (application/x-ndjson, images as "sha256:<hex>" of images
 * already in the project). Imported with the CLI's importManifest: line by line, all or nothing per line.
 */
export const POST = defineRoute<{ slug: string }>("importData", async (request, { user, db, params }) => {
  const project = await projectForUser(db, user, params.slug);
  const { source, license, attribution, ...files } = await readBundle(request);
  const report = await importManifestBundle(db, getStorage(), files, {
    projectId: project.id,
    uploadedById: user.id,
    source,
    license,
    attribution,
    limits: imageLimitsFromEnv(),
  });
  return Response.json(report);
}, { body: bodyRules.of(["multipart/form-data", ...MANIFEST_TYPES], MAX_BUNDLE_BYTES) });
