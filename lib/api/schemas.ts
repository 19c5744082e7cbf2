// What the REST API (/api/v1) answers, as zod schemas: the OpenAPI document is generated from them, and
// tests parse real answers with them, so the document cannot drift from what the server sends.
import { z } from "zod";
import { EXPORT_JOB_STATUSES } from "../export/job-view";
import { EXPORT_FORMATS, EXPORT_VARIANTS, IMAGE_MODES } from "../export/schemas";
import { ITEM_STATUSES } from "../items/status";
import { ANSWER_TYPES } from "../projects/settings";
import { qualityReportSchema } from "../quality/report";

const KINDS = ["MISLEADING", "CORRECTIVE"] as const;
const isoDate = z.string().meta({ format: "date-time" });

export const fieldIssueSchema = z.object({
  field: z.string().meta({ description: 'The field, parameter or part at fault ("filters.minScore", "limit", "body"); "" for the whole body.' }),
  message: z.string(),
});

export const errorSchema = z
  .object({
    error: z.string().meta({ description: "For people: what went wrong (a 400 lists every problem, each prefixed with its field)." }),
    code: z.string().meta({ description: "For programs: UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, INVALID, CONFLICT, TOO_LARGE, UNPROCESSABLE, RATE_LIMITED, UNAVAILABLE or INTERNAL." }),
    issues: z.array(fieldIssueSchema).meta({ description: "One entry per problem with a field (empty when the error is not about a field)." }),
  });

export const projectSchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    createdAt: isoDate,
    items: z.int(),
    images: z.int(),
    members: z.int(),
  });

export const projectListSchema = z.object({ projects: z.array(projectSchema) });

export const followUpSchema = z
  .object({
    id: z.string(),
    kind: z.enum(KINDS).meta({ description: "MISLEADING: the model answered right and the user pushes a wrong answer; CORRECTIVE: the model was wrong and the user corrects it." }),
    position: z.int(),
    initialAnswer: z.string(),
    userMessage: z.string(),
    claimedAnswer: z.string(),
    tactic: z.string(),
    verdict: z.enum(KINDS).nullable(),
    evidence: z.string(),
    response: z.string(),
    finalAnswer: z.string(),
    inFirstTurn: z.boolean().meta({
      description:
        "One-round injection: the user's opinion (userMessage) comes with the question, so there is no initialAnswer and the export writes two turns. MISLEADING: the opinion is wrong; CORRECTIVE: it is right.",
    }),
    version: z.int(),
    updatedAt: isoDate,
  });

export const itemSchema = z
  .object({
    id: z.string(),
    status: z.enum(ITEM_STATUSES),
    question: z.string(),
    answerType: z.enum(ANSWER_TYPES),
    options: z.array(z.string()).meta({ description: "MULTIPLE_CHOICE: option texts, labelled A, B, C… in order." }),
    groundTruth: z.string(),
    caption: z.string(),
    isGold: z.boolean(),
    tags: z.array(z.string()),
    version: z.int(),
    image: z.object({
      sha256: z.string(),
      mime: z.string(),
      width: z.int(),
      height: z.int(),
      url: z.string().meta({ description: "The original image (same credentials)." }),
    }),
    followUps: z.array(followUpSchema),
    createdAt: isoDate,
    updatedAt: isoDate,
  });

export const itemPageSchema = z
  .object({
    items: z.array(itemSchema),
    nextCursor: z.string().nullable().meta({ description: "Pass as `cursor` for the next page; null on the last page." }),
    searchCapped: z.boolean().meta({
      description: "True when `q` matches more than 5,000 items of the project in their own text or in follow-ups: the pages and their order then cover the newest 5,000 matches of each (add a word to narrow the search).",
    }),
  });

const splitCountsSchema = z.object({
  records: z.int(),
  images: z.int(),
  by_kind_answer_type: z.record(z.string(), z.record(z.string(), z.int())),
});

export const exportCountsSchema = z
  .object({
    records: z.int(),
    images: z.int(),
    skipped: z.int().meta({ description: "Records left out because their data changed while the export ran." }),
    splits: z.record(z.string(), splitCountsSchema),
  });

/** The parameters as the job stored them (every default filled in, splits as a list). */
const storedParamsSchema = z
  .object({
    format: z.enum(EXPORT_FORMATS),
    variant: z.enum(EXPORT_VARIANTS),
    seed: z.union([z.int(), z.string()]),
    splits: z.array(z.object({ name: z.string(), ratio: z.number() })),
    filters: z.object({
      statuses: z.array(z.enum(ITEM_STATUSES)),
      tags: z.array(z.string()),
      minScore: z.number().nullable(),
      includeGold: z.boolean(),
      /** Present (true) when model-drafted rationales nobody edited were left out. */
      excludeModelUnedited: z.boolean().optional(),
    }),
    imageMode: z.enum(IMAGE_MODES),
    copyImages: z.boolean(),
    tar: z.boolean(),
    frozenTest: z.boolean(),
  });

export const exportJobSchema = z
  .object({
    id: z.string(),
    project: z.string().meta({ description: "The project's slug." }),
    status: z.enum(EXPORT_JOB_STATUSES),
    done: z.int(),
    total: z.int(),
    percent: z.int().min(0).max(100),
    cancelRequested: z.boolean(),
    params: storedParamsSchema,
    counts: exportCountsSchema.nullable().meta({ description: "Records and images per split, once SUCCEEDED." }),
    error: z.string().nullable().meta({ description: "FAILED: what went wrong." }),
    sha256: z.string().nullable().meta({ description: "sha256 of the .tar.gz." }),
    bytes: z.int().nullable(),
    downloadUrl: z.string().nullable().meta({ description: "Set once the archive can be downloaded." }),
    archiveExpired: z.boolean().meta({ description: "SUCCEEDED, but its archive was deleted after SRT_EXPORT_ARCHIVE_KEEP_DAYS: run it again (same params)." }),
    createdBy: z.string().nullable(),
    createdAt: isoDate,
    startedAt: isoDate.nullable(),
    finishedAt: isoDate.nullable(),
  });

export const exportJobListSchema = z.object({ jobs: z.array(exportJobSchema) });

const assetRefSchema = z.object({ id: z.string(), filename: z.string(), href: z.string() });

export const uploadResultSchema = z
  .object({
    status: z.enum(["imported", "duplicate", "rejected"]),
    filename: z.string(),
    asset: assetRefSchema.extend({ thumbUrl: z.string() }).optional(),
    nearDuplicates: z.array(assetRefSchema.extend({ distance: z.int() })),
    reason: z.string().optional(),
    code: z.string().optional(),
  });

export const importReportSchema = z
  .object({
    imported: z.int(),
    duplicates: z.int(),
    nearDuplicates: z.int(),
    rejected: z.int(),
    failedLines: z.array(z.object({ line: z.int().nullable(), file: z.string(), error: z.string() })),
    results: z.array(
      z.object({
        file: z.string(),
        line: z.int().optional(),
        status: z.enum(["imported", "duplicate", "rejected", "failed"]),
        assetId: z.string().optional(),
        itemId: z.string().optional(),
        duplicateOf: z.string().optional(),
        nearDuplicates: z.array(z.object({ assetId: z.string(), distance: z.int() })),
        error: z.string().optional(),
        code: z.string().optional(),
      }),
    ),
    unusedFiles: z.array(z.string()).meta({ description: "Files sent with the manifest that no line names." }),
  });

const RUBRIC = ["visualGrounding", "verdictCorrectness", "reasoningConsistency", "tone", "answerCorrectness"] as const;

export const reviewSchema = z.object({
  id: z.string(),
  itemId: z.string(),
  round: z.int().meta({ description: "The item's review round (1, then +1 at each resubmission after changes were requested)." }),
  reviewer: z.object({ id: z.string(), name: z.string() }),
  decision: z.enum(["APPROVE", "REQUEST_CHANGES", "REJECT"]),
  scores: z.object(Object.fromEntries(RUBRIC.map((c) => [c, z.int().min(1).max(5)])) as Record<(typeof RUBRIC)[number], z.ZodInt>),
  comment: z.string(),
  comments: z.array(z.object({ followUpId: z.string().nullable(), field: z.string(), body: z.string() })),
  createdAt: isoDate,
});

export const reviewListSchema = z.object({
  itemStatus: z.enum(ITEM_STATUSES),
  round: z.int(),
  reviews: z.array(reviewSchema).meta({ description: "Oldest first. A reviewer sees others' reviews of the current round only after submitting their own." }),
});

export const reviewResultSchema = z.object({
  reviewId: z.string(),
  round: z.int(),
  outcome: z.enum(["pending", "decided", "adjudicate"]).meta({ description: "pending: more reviews needed; decided: the policy set the status; adjudicate: the reviews disagree." }),
  itemStatus: z.enum(ITEM_STATUSES),
});

/** Named schemas: components of the OpenAPI document (nested uses become $refs). */
// Model endpoints (lib/models/endpoints.ts EndpointView): never the API key, only whether one is set.
const modelEndpointViewSchema = z.object({
  id: z.string(),
  name: z.string(),
  baseUrl: z.string(),
  model: z.string(),
  hasApiKey: z.boolean(),
  temperature: z.number(),
  maxTokens: z.int(),
  timeoutMs: z.int(),
  maxConcurrent: z.int(),
  systemPrompt: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
const modelEndpointListSchema = z.object({ endpoints: z.array(modelEndpointViewSchema) });
const modelEndpointResultSchema = z.object({ endpoint: modelEndpointViewSchema });

export const RESPONSE_SCHEMAS = {
  Error: errorSchema,
  Project: projectSchema,
  ProjectList: projectListSchema,
  FollowUp: followUpSchema,
  Item: itemSchema,
  ItemPage: itemPageSchema,
  ExportCounts: exportCountsSchema,
  StoredExportParams: storedParamsSchema,
  ExportJob: exportJobSchema,
  ExportJobList: exportJobListSchema,
  UploadResult: uploadResultSchema,
  ImportReport: importReportSchema,
  Review: reviewSchema,
  ReviewList: reviewListSchema,
  ReviewResult: reviewResultSchema,
  QualityReport: qualityReportSchema,
  ModelEndpoint: modelEndpointViewSchema,
  ModelEndpointList: modelEndpointListSchema,
  ModelEndpointResult: modelEndpointResultSchema,
} as const;
