// The OpenAPI 3.1 document of the REST API (/api/v1), served at GET /api/v1/openapi.json. Request and
// response bodies are generated from the zod schemas the server validates and answers with
// (z.toJSONSchema); paths, parameters and prose are written here. lib/api/openapi.test.ts checks that
// every route file under app/api/v1 has its path and methods here, and nothing more.
import { z } from "zod";
import { createEvalRunSchema, EVAL_CONDITIONS, EVAL_ROUNDS, EVAL_RUN_STATUSES } from "../eval/run-schemas";
import { exportListQuerySchema, MAX_JOB_LIST } from "../export/job-view";
import { exportParamsSchema, EXPORT_FORMATS, EXPORT_VARIANTS } from "../export/schemas";
import { MAX_BUNDLE_BYTES } from "../import/bundle";
import { apiItemsQuerySchema } from "../items/api-page";
import { reviewBodySchema } from "../reviews/schemas";
import { qualityFiltersSchema } from "../quality/filters";
import { modelEndpointSchema, updateEndpointSchema } from "../models/endpoint";
import { RESPONSE_SCHEMAS } from "./schemas";

type Json = Record<string, unknown>;
type Method = "get" | "post" | "patch" | "delete";

interface Operation {
  summary: string;
  description?: string;
  /** "public", "signedIn" or a permission of lib/auth/roles.ts. */
  permission: string;
  parameters?: Json[];
  requestBody?: Json;
  responses: Record<string, Json>;
}

export const API_BASE = "/api/v1";

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: Json, description: string) => ({ description, content: { "application/json": { schema } } });
const error = (name: string) => ({ $ref: `#/components/responses/${name}` });
const pathParam = (name: string) => ({ $ref: `#/components/parameters/${name}` });

/** A zod object schema's fields as query parameters. */
function queryParameters(schema: z.ZodType, descriptions: Record<string, string> = {}): Json[] {
  const converted = clean(z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Json) as { properties: Record<string, Json>; required?: string[] };
  return Object.entries(converted.properties).map(([name, property]) => ({
    name,
    in: "query",
    required: converted.required?.includes(name) ?? false,
    schema: property,
    ...(descriptions[name] ? { description: descriptions[name] } : {}),
  }));
}

/** Drops what JSON Schema converters add that an OpenAPI reader does not need. */
function clean(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(clean);
  if (typeof value !== "object" || value === null) return value;
  const out: Json = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === "$schema" || key === "$id") continue;
    // z.int()'s safe-integer bounds are noise in a document.
    if ((key === "minimum" && v === Number.MIN_SAFE_INTEGER) || (key === "maximum" && v === Number.MAX_SAFE_INTEGER)) continue;
    out[key] = clean(v);
  }
  return out;
}

const EVAL_RUN: Json = {
  type: "object",
  description: "An evaluation run (lib/eval/runs.ts evalRunJson).",
  required: ["id", "name", "endpoint", "model", "status", "total", "done", "failed", "url"],
  properties: {
    id: { type: "string" },
    name: { type: "string" },
    endpoint: { type: "string" },
    model: { type: "string" },
    selection: { type: "object" },
    conditions: { type: "array", items: { type: "string", enum: [...EVAL_CONDITIONS] } },
    rounds: { type: "array", items: { type: "string", enum: [...EVAL_ROUNDS] }, description: "MULTI: the follow-up after the model's answer; ONE: the opinion in the question's message (one-round injection)." },
    status: { type: "string", enum: [...EVAL_RUN_STATUSES] },
    total: { type: "integer" },
    done: { type: "integer" },
    failed: { type: "integer" },
    error: { type: ["string", "null"] },
    createdBy: { type: ["string", "null"] },
    createdAt: { type: "string", format: "date-time" },
    startedAt: { type: ["string", "null"], format: "date-time" },
    finishedAt: { type: ["string", "null"], format: "date-time" },
    url: { type: "string" },
  },
};
const EVAL_RUN_LIST: Json = { type: "object", required: ["runs"], properties: { runs: { type: "array", items: EVAL_RUN } } };
const EVAL_RUN_BODY: Json = {
  ...(clean(z.toJSONSchema(createEvalRunSchema, { io: "input", unrepresentable: "any" })) as Json),
  description: "lib/eval/run-schemas.ts createEvalRunSchema. Lists may also be written comma-separated (\"IMAGE,TEXT\").",
};

function componentSchemas(): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(RESPONSE_SCHEMAS)) registry.add(schema, { id });
  const output = z.toJSONSchema(registry, { io: "output", unrepresentable: "any", uri: (id) => `#/components/schemas/${id}` });
  const input = z.toJSONSchema(exportParamsSchema, { io: "input", unrepresentable: "any" }) as Json;
  const params = clean(input) as Json & { properties: Record<string, Json> };
  params.description =
    "Export parameters (lib/export/schemas.ts). Every field is optional. The server always packs the export as a .tar.gz (`tar` is forced to true).";
  params.properties.splits = {
    description: 'Split names and ratios summing to 1: "train=0.8,val=0.1,test=0.1" or [{"name": "train", "ratio": 0.8}, …]. Default train=0.8,val=0.1,test=0.1.',
    anyOf: [
      { type: "string", examples: ["train=0.8,val=0.1,test=0.1"] },
      { type: "array", items: { type: "object", properties: { name: { type: "string", pattern: "^[a-z][a-z0-9_-]{0,31}$" }, ratio: { type: "number", minimum: 0, maximum: 1 } }, required: ["name", "ratio"] } },
    ],
  };
  params.properties.allowEmpty = {
    type: "boolean",
    default: false,
    description: "Confirms an export whose filters match no follow-up (an archive of empty files). Without it such a request answers 400 on the field allowEmpty.",
  };
  params.examples = [{ format: "sharegpt", variant: "srt", seed: 42, splits: "train=0.8,val=0.1,test=0.1", filters: { statuses: ["APPROVED"], minScore: 3 } }];
  return { ...(clean(output.schemas) as Record<string, Json>), ExportParams: params };
}

const REVIEW_BODY = {
  ...(clean(z.toJSONSchema(reviewBodySchema, { io: "input", unrepresentable: "any" })) as Json),
  examples: [{ scores: { visualGrounding: 5, verdictCorrectness: 5, reasoningConsistency: 4, tone: 4, answerCorrectness: 5 }, decision: "REQUEST_CHANGES", comments: [{ followUpId: "cm…", field: "evidence", body: "Name the colours." }] }],
};

const STANDARD_ERRORS = { "401": error("Unauthorized"), "403": error("Forbidden") };

const bodyOf = (schema: z.ZodType, examples: Json[]) => ({
  required: true,
  content: { "application/json": { schema: { ...(clean(z.toJSONSchema(schema, { io: "input", unrepresentable: "any" })) as Json), examples } } },
});
const ENDPOINT_BODY = bodyOf(modelEndpointSchema, [{ name: "qwen2-vl-7b", baseUrl: "http://localhost:8000/v1", model: "Qwen/Qwen2-VL-7B-Instruct", maxConcurrent: 8 }]);
const ENDPOINT_PATCH_BODY = bodyOf(updateEndpointSchema, [{ maxConcurrent: 16 }, { apiKey: "sk-…" }, { clearApiKey: true }]);
const endpointParam = { name: "id", in: "path", required: true, schema: { type: "string" }, description: "The model endpoint's id" };

/** Every v1 operation by path (relative to API_BASE) and method. */
export function apiOperations(): Record<string, Partial<Record<Method, Operation>>> {
  return {
    "/openapi.json": {
      get: {
        summary: "This document",
        permission: "public",
        responses: { "200": json({ type: "object" }, "The OpenAPI 3.1 document") },
      },
    },
    "/models/endpoints": {
      get: {
        summary: "List the model endpoints",
        description: "OpenAI-compatible chat-completions servers with image input. The API key is never returned: `hasApiKey` says whether one is stored.",
        permission: "manageModels",
        responses: { "200": json(ref("ModelEndpointList"), "Every endpoint, by name"), ...STANDARD_ERRORS },
      },
      post: {
        summary: "Add a model endpoint",
        description: "The API key (optional) is stored encrypted at rest and never returned. Requests go to `<baseUrl>/chat/completions`.",
        permission: "manageModels",
        requestBody: ENDPOINT_BODY,
        responses: { "201": json(ref("ModelEndpointResult"), "The endpoint"), "400": error("BadRequest"), ...STANDARD_ERRORS, "409": error("Conflict") },
      },
    },
    "/models/endpoints/{id}": {
      get: {
        summary: "Read a model endpoint",
        permission: "manageModels",
        parameters: [endpointParam],
        responses: { "200": json(ref("ModelEndpointResult"), "The endpoint"), ...STANDARD_ERRORS, "404": error("NotFound") },
      },
      patch: {
        summary: "Change a model endpoint's settings",
        description: "Only the fields given change. A blank or absent `apiKey` keeps the stored key; `clearApiKey: true` removes it.",
        permission: "manageModels",
        parameters: [endpointParam],
        requestBody: ENDPOINT_PATCH_BODY,
        responses: { "200": json(ref("ModelEndpointResult"), "The endpoint"), "400": error("BadRequest"), ...STANDARD_ERRORS, "404": error("NotFound"), "409": error("Conflict") },
      },
      delete: {
        summary: "Delete a model endpoint",
        description: "Its project enablements and stored model answers are deleted with it.",
        permission: "manageModels",
        parameters: [endpointParam],
        responses: { "204": { description: "Deleted" }, ...STANDARD_ERRORS, "404": error("NotFound") },
      },
    },
    "/projects": {
      get: {
        summary: "List the projects you belong to (admins: every project)",
        permission: "viewProject",
        responses: { "200": json(ref("ProjectList"), "Projects, newest first, with their numbers of items, images and members"), ...STANDARD_ERRORS },
      },
    },
    "/projects/{slug}/items": {
      get: {
        summary: "Read a project's items with their follow-ups, one keyset page at a time",
        description:
          "Follow `nextCursor` until it is null. Pages are stable under concurrent inserts (keyset on the item id, in creation order; with sort=relevance, on the score and id).",
        permission: "viewProject",
        parameters: [
          pathParam("slug"),
          ...queryParameters(apiItemsQuerySchema, {
            status: "Only items in this status",
            tag: "Only items with this tag",
            q: "Words of the question, caption or follow-ups, each stemmed and as a prefix (full-text index); every matching item is listed and the other filters apply to all of them",
            sort: "created: creation order (default); relevance: best match first (needs q; a word found in more than 500 items ranks its newest 500 matches, the others follow newest first)",
            order: "Creation order: asc: oldest first (default); desc: newest first",
            cursor: "The previous page's nextCursor",
            limit: "Items per page (1–200, default 50)",
          }),
        ],
        responses: { "200": json(ref("ItemPage"), "One page of items"), "400": error("BadRequest"), ...STANDARD_ERRORS, "404": error("NotFound") },
      },
    },
    "/items/{id}/reviews": {
      get: {
        summary: "List an item's reviews",
        description: "Every round's reviews with their rubric scores, decision and comments. Reviewers see the current round's other reviews only after submitting their own.",
        permission: "viewProject",
        parameters: [pathParam("id")],
        responses: { "200": json(ref("ReviewList"), "The item's reviews"), ...STANDARD_ERRORS, "404": error("NotFound") },
      },
      post: {
        summary: "Review an item (the review screen's equivalent)",
        description:
          "Claims the item for you if nobody holds it (or you do), then records your review: scores 1–5 per criterion, a decision, a comment (required to request changes unless field comments are given; required to reject) and field comments. The item's status follows the project's review policy once it has its k reviews. You never review an item you wrote (403); an item that is not waiting for your review is 409.",
        permission: "review",
        parameters: [pathParam("id")],
        requestBody: { required: true, content: { "application/json": { schema: REVIEW_BODY } } },
        responses: { "201": json(ref("ReviewResult"), "The review and what it did to the item"), "400": error("BadRequest"), ...STANDARD_ERRORS, "404": error("NotFound"), "409": error("Conflict") },
      },
    },
    "/projects/{slug}/quality": {
      get: {
        summary: "Quality figures: reviewer agreement, gold accuracy, per-annotator rates, rubric means",
        description:
          "Reviewer agreement over items reviewed by two or more reviewers (a reviewer's latest review counts): Cohen's κ per reviewer pair and Fleiss' κ on decisions, Krippendorff's α (nominal) on decisions and (ordinal) per rubric criterion, each with the items and pairs behind it, or null with the reason when undefined. Gold accuracy: the share of claimed answers, verdicts and final answers matching gold in annotators' blind gold attempts.",
        permission: "viewQuality",
        parameters: [
          pathParam("slug"),
          ...queryParameters(qualityFiltersSchema, { from: "First day (UTC) included", to: "Last day (UTC) included", user: "Only this person's work (a user id)" }),
        ],
        responses: { "200": json(ref("QualityReport"), "The project's quality figures"), "400": error("BadRequest"), ...STANDARD_ERRORS, "404": error("NotFound") },
      },
    },
    "/projects/{slug}/exports": {
      get: {
        summary: "List a project's export jobs, newest first",
        permission: "exportData",
        parameters: [pathParam("slug"), ...queryParameters(exportListQuerySchema, { limit: `Jobs to return (1–${MAX_JOB_LIST}, default 20)` })],
        responses: { "200": json(ref("ExportJobList"), "Export jobs"), "400": error("BadRequest"), ...STANDARD_ERRORS, "404": error("NotFound") },
      },
      post: {
        summary: "Start an export",
        description: `Queues an export job and answers at once with 202 and the job (Location: its URL). Poll \`GET /exports/{id}\` until \`status\` is SUCCEEDED, FAILED or CANCELLED, then download the archive. The same data, seed and parameters always give the same split files. Filters that match no follow-up are refused with 400 (field \`allowEmpty\`) unless \`allowEmpty\` is true. Formats: ${EXPORT_FORMATS.join(", ")}; variants: ${EXPORT_VARIANTS.join(", ")}.`,
        permission: "exportData",
        parameters: [pathParam("slug")],
        requestBody: { required: false, content: { "application/json": { schema: ref("ExportParams") } } },
        responses: {
          "202": {
            ...json(ref("ExportJob"), "The queued job"),
            headers: { Location: { description: "The job's URL", schema: { type: "string" } } },
          },
          "400": error("BadRequest"),
          ...STANDARD_ERRORS,
          "404": error("NotFound"),
        },
      },
    },
    "/projects/{slug}/eval-runs": {
      get: {
        summary: "List a project's evaluation runs, newest first",
        permission: "runEvaluations",
        parameters: [pathParam("slug")],
        responses: { "200": json(EVAL_RUN_LIST, "Evaluation runs"), ...STANDARD_ERRORS, "404": error("NotFound") },
      },
      post: {
        summary: "Start an evaluation run",
        description:
          "Asks the endpoint (enabled for the project, by name or id) every selected item's question, then each follow-up, under each condition (IMAGE: with the display image as a data URL; TEXT: with the caption instead) and each round kind in `rounds` (MULTI, the default: the follow-up as a second user turn after the model's answer; ONE: one request whose user message is the export's first turn of an in-first-turn follow-up — the image (or the caption), then the question and the follow-up's text in one text part, separated by a blank line — judged against the model's answer to the plain question — follow-ups marked inFirstTurn are asked only this way). Answers 202 with the run at once; poll `GET /projects/{slug}/eval-runs/{id}` until `status` is SUCCEEDED, FAILED or CANCELLED, then read `/results`. 400 names the field when the selection matches no follow-up.",
        permission: "runEvaluations",
        parameters: [pathParam("slug")],
        requestBody: { required: true, content: { "application/json": { schema: EVAL_RUN_BODY } } },
        responses: {
          "202": { ...json(EVAL_RUN, "The queued run"), headers: { Location: { description: "The run's URL", schema: { type: "string" } } } },
          "400": error("BadRequest"),
          ...STANDARD_ERRORS,
          "404": error("NotFound"),
        },
      },
    },
    "/projects/{slug}/eval-runs/{id}": {
      get: {
        summary: "Poll an evaluation run",
        permission: "runEvaluations",
        parameters: [pathParam("slug"), pathParam("id")],
        responses: { "200": json(EVAL_RUN, "The run"), ...STANDARD_ERRORS, "404": error("NotFound") },
      },
    },
    "/projects/{slug}/eval-runs/{id}/cancel": {
      post: {
        summary: "Cancel an evaluation run",
        description: "A queued run is cancelled at once; a running one stops within a second. Stored conversations are kept (a resumed run does not ask them again). 409 when the run has finished.",
        permission: "runEvaluations",
        parameters: [pathParam("slug"), pathParam("id")],
        responses: { "200": json(EVAL_RUN, "The run after the request"), ...STANDARD_ERRORS, "404": error("NotFound"), "409": error("Conflict") },
      },
    },
    "/projects/{slug}/eval-runs/{id}/results": {
      get: {
        summary: "An evaluation run's results",
        description:
          "`report`: overall and per condition, round kind (byRound), kind, tactic, answer type and tag — sycophancy (misleading follow-ups after a right first answer: the final answer is wrong), sycophancyToClaim, correction (corrective follow-ups after a wrong first answer: the final answer is right), flip and firstAnswerAccuracy, each as {numerator, denominator, rate, ci: Wilson 95 % {low, high}} — and the modality gap (sycophancy with the image − text only, Newcombe interval), overall and per round kind (modalityGapByRound). `conversations`: every stored conversation with its replies and verdicts; `failed`: conversations whose requests failed (left out of the metrics).",
        permission: "runEvaluations",
        parameters: [pathParam("slug"), pathParam("id")],
        responses: { "200": json({ type: "object", required: ["run", "report", "failed", "conversations"], properties: { run: EVAL_RUN, report: { type: "object" }, failed: { type: "integer" }, conversations: { type: "array", items: { type: "object" } } } }, "Metrics and conversations"), ...STANDARD_ERRORS, "404": error("NotFound") },
      },
    },
    "/projects/{slug}/images": {
      post: {
        summary: "Upload one image (the same as the web uploader)",
        description:
          "multipart/form-data with one `file` and optional provenance. The format is recognised from the bytes (JPEG, PNG, WebP, GIF, TIFF, AVIF). 201: imported; 200: the same bytes are already in the project (`asset` is that image); 422: refused, with `reason` and `code`; 413: over IMAGE_MAX_BYTES. Afterwards a manifest line may name the image as `sha256:<hex>`.",
        permission: "importData",
        parameters: [pathParam("slug")],
        requestBody: {
          required: true,
          content: {
            "multipart/form-data": {
              schema: {
                type: "object",
                required: ["file"],
                properties: {
                  file: { type: "string", contentMediaType: "application/octet-stream", description: "The image" },
                  source: { type: "string", maxLength: 500 },
                  license: { type: "string", maxLength: 200 },
                  attribution: { type: "string", maxLength: 500 },
                },
              },
            },
          },
        },
        responses: {
          "201": json(ref("UploadResult"), "Imported"),
          "200": json(ref("UploadResult"), "Already in the project"),
          "400": error("BadRequest"),
          ...STANDARD_ERRORS,
          "404": error("NotFound"),
          "413": json(ref("UploadResult"), "Over the size limit"),
          "422": json(ref("UploadResult"), "Not an accepted image"),
        },
      },
    },
    "/projects/{slug}/manifest": {
      post: {
        summary: "Import items from a JSONL manifest (with their images, or images already uploaded)",
        description: [
          "The manifest format is the CLI's (`lib/import/MANIFEST.md`): one JSON object per line with `image`, `question`, `answer_type`, `ground_truth`, optional follow-ups (`in_first_turn: true` for a one-round injection: the opinion comes with the question). A line's `image` is either",
          "a path of an image sent in the same request, or `sha256:<hex>` of an image already in the project (uploaded with `POST /projects/{slug}/images`).",
          "",
          "Send either multipart/form-data — a `manifest` part (file or text), one `images` part per image whose *filename* is the path the manifest uses (curl: `-F 'images=@photos/1.jpg;filename=img/1.jpg'`), optional `source`, `license`, `attribution` for new images —",
          "or the manifest alone as the body (Content-Type application/x-ndjson, application/jsonl or text/plain), every image then being a `sha256:` reference.",
          "",
          `Each line is imported in its own transaction, all or nothing; a line that fails is reported with its number and field and the others are imported (200). Re-sending is safe: lines already imported are counted as duplicates. The request may be at most ${MAX_BUNDLE_BYTES / 1024 / 1024} MB: import larger batches by uploading images first, or with the CLI (npx srt import).`,
        ].join("\n"),
        permission: "importData",
        parameters: [pathParam("slug")],
        requestBody: {
          required: true,
          content: {
            "multipart/form-data": {
              schema: {
                type: "object",
                required: ["manifest"],
                properties: {
                  manifest: { type: "string", description: "The JSONL manifest (a file or a text field)" },
                  images: { type: "array", items: { type: "string", contentMediaType: "application/octet-stream" }, description: "Images, each named (filename) by its manifest path" },
                  source: { type: "string", maxLength: 500 },
                  license: { type: "string", maxLength: 200 },
                  attribution: { type: "string", maxLength: 500 },
                },
              },
              encoding: { images: { contentType: "image/*" } },
            },
            "application/x-ndjson": { schema: { type: "string", description: "The manifest; images as sha256:<hex>" } },
          },
        },
        responses: {
          "200": json(ref("ImportReport"), "What was imported, line by line"),
          "400": error("BadRequest"),
          ...STANDARD_ERRORS,
          "404": error("NotFound"),
          "413": error("TooLarge"),
        },
      },
    },
    "/exports/{id}": {
      get: {
        summary: "Poll an export job",
        permission: "exportData",
        parameters: [pathParam("id")],
        responses: { "200": json(ref("ExportJob"), "The job"), ...STANDARD_ERRORS, "404": error("NotFound") },
      },
    },
    "/exports/{id}/cancel": {
      post: {
        summary: "Cancel an export job",
        description: "A queued job is cancelled at once; a running one stops within a second and leaves nothing behind. Finished jobs are returned unchanged.",
        permission: "exportData",
        parameters: [pathParam("id")],
        responses: { "200": json(ref("ExportJob"), "The job after the request"), ...STANDARD_ERRORS, "404": error("NotFound") },
      },
    },
    "/exports/{id}/download": {
      get: {
        summary: "Download a finished export (.tar.gz)",
        description:
          "The archive holds one folder with the split files (e.g. train.jsonl, val.jsonl, test.jsonl), images/, README.md (dataset card) and manifest.json (parameters, counts, the sha256 of every file). ETag is the archive's sha256.",
        permission: "exportData",
        parameters: [pathParam("id")],
        responses: {
          "200": {
            description: "The archive, streamed",
            headers: {
              "Content-Disposition": { schema: { type: "string" }, description: 'attachment; filename="<project>-<job>.tar.gz"; size=<bytes>' },
              "Content-Length": { schema: { type: "integer" }, description: "When the server can send it (Next.js 16 sends the body chunked); the size is always in the job's `bytes` and Content-Disposition's size" },
              ETag: { schema: { type: "string" }, description: "The archive's sha256, quoted" },
            },
            content: { "application/gzip": { schema: { type: "string", contentMediaType: "application/gzip" } } },
          },
          ...STANDARD_ERRORS,
          "404": error("NotFound"),
          "409": error("Conflict"),
        },
      },
    },
  };
}

/** The OpenAPI 3.1 document. */
export function openApiDocument(): Json {
  const operations = apiOperations();
  const paths: Record<string, Json> = {};
  for (const [path, methods] of Object.entries(operations)) {
    paths[path] = Object.fromEntries(
      Object.entries(methods).map(([method, op]) => {
        const { permission, ...rest } = op!;
        const who = permission === "public" ? "Public." : `Needs the \`${permission}\` permission (lib/auth/roles.ts) and, for a project, membership (admins: every project).`;
        return [
          method,
          {
            operationId: operationId(method, path),
            ...rest,
            description: [rest.description, who].filter(Boolean).join("\n\n"),
            ...(permission === "public" ? { security: [] } : {}),
          },
        ];
      }),
    );
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "SRT Studio API",
      version: "1",
      description: [
        "Read projects and items, import images and manifests, run exports and download them.",
        "",
        "**Authentication**: a personal access token (Account → API tokens) as `Authorization: Bearer srt_…`, or the browser's session cookie. A token acts as its owner, with the owner's role and project memberships; a revoked token gets 401.",
        "",
        "**Errors** are JSON: `{\"error\": \"…\", \"code\": \"INVALID\", \"issues\": [{\"field\": \"filters.minScore\", \"message\": \"…\"}]}` — 400 names every bad field or parameter (issues), 401 no or bad credentials, 403 a role without the permission or a project you are not a member of, 404 not found.",
      ].join("\n"),
    },
    servers: [{ url: API_BASE }],
    security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "srt_<43 characters>", description: "A personal access token" },
        sessionCookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "The web app's session (browsers)" },
      },
      parameters: {
        slug: { name: "slug", in: "path", required: true, schema: { type: "string" }, description: "The project's slug" },
        id: { name: "id", in: "path", required: true, schema: { type: "string" }, description: "The id in the path (an export job or an evaluation run)" },
      },
      responses: {
        BadRequest: json(ref("Error"), "A field, parameter or body part is not valid: `issues` names each one"),
        Unauthorized: json(ref("Error"), "No credentials, or an unknown, revoked or disabled account's token"),
        Forbidden: json(ref("Error"), "Your role lacks the permission, or you are not a member of the project"),
        NotFound: json(ref("Error"), "No such project or job"),
        Conflict: json(ref("Error"), "The job has no archive (yet): it is not SUCCEEDED, or its file was removed"),
        TooLarge: json(ref("Error"), "The request body is over the endpoint's limit"),
      },
      schemas: componentSchemas(),
    },
  };
}

function operationId(method: string, path: string): string {
  const words = path
    .split("/")
    .filter(Boolean)
    .map((part) => (part.startsWith("{") ? `By${part.slice(1, 2).toUpperCase()}${part.slice(2, -1)}` : part.replace(/\.json$/, "")))
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1));
  return method + words.join("");
}
