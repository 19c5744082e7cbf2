// The wire format of /api/items/*: the request and response bodies, one zod schema each, shared by the
// route handlers (which validate requests and build responses against them) and the editor's client
// (app/_components/editor/api-client.ts, which imports only the types, so zod stays out of the browser
// bundle). Browser-safe: zod and plain modules only.
import { z } from "zod";
import type { ItemSnapshot } from "../followups/editor-draft";
import { followUpKindSchema, saveItemDraftSchema } from "../followups/schemas";
import type { LintIssue } from "../lints/types";
import { ANSWER_TYPES } from "../projects/settings";

// ---- Shared pieces.

export const lintIssueSchema = z.object({
  rule: z.string(),
  severity: z.enum(["error", "warning"]),
  field: z.string(),
  message: z.string(),
  followUpIndex: z.number().int().optional(),
});

const draftFollowUpSchema = z.object({
  id: z.string().optional(),
  kind: followUpKindSchema,
  initialAnswer: z.string(),
  userMessage: z.string(),
  claimedAnswer: z.string(),
  tactic: z.string(),
  verdict: followUpKindSchema.nullable(),
  evidence: z.string(),
  response: z.string(),
  finalAnswer: z.string(),
  inFirstTurn: z.boolean(),
});

/** The item as the editor edits it (lib/followups/editor-draft's ItemSnapshot). */
export const itemSnapshotSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  status: z.string(),
  question: z.string(),
  answerType: z.enum(ANSWER_TYPES),
  options: z.array(z.string()),
  groundTruth: z.string(),
  caption: z.string(),
  tags: z.array(z.string()),
  isGold: z.boolean(),
  followUps: z.array(draftFollowUpSchema),
});

/** Every refusal (app/_server/error-response): a sentence for people, a code, the problems by field, and the error's details. */
export const errorResponseSchema = z
  .object({
    error: z.string(),
    code: z.string(),
    issues: z.array(z.object({ field: z.string(), message: z.string() })),
  })
  .loose();

// ---- /api/items/[itemId]: GET (the stored item) and PUT (autosave).

export const getItemResponseSchema = z.object({ item: itemSnapshotSchema });

/** What the editor sends: the whole draft and the version it was based on (the item and author come from the URL and session). */
export const saveItemBodySchema = saveItemDraftSchema.omit({ itemId: true, actorId: true });

export const saveItemResponseSchema = z.object({ item: itemSnapshotSchema, issues: z.array(lintIssueSchema) });

/** 409 (VersionConflict): someone saved meanwhile (nothing written): their version. */
export const versionConflictResponseSchema = errorResponseSchema.extend({ current: itemSnapshotSchema });

/** 409 (ItemNotEditable): the item is no longer editable (submitted, in review…). */
export const notEditableResponseSchema = errorResponseSchema.extend({ status: z.string() });

// ---- /api/items/[itemId]/lease: POST (take or renew) and DELETE (give back).

export const holdResponseSchema = z.discriminatedUnion("held", [
  z.object({ held: z.literal(true), how: z.enum(["taken", "renewed", "assigned"]), leaseExpiresAt: z.iso.datetime().nullable() }),
  z.object({ held: z.literal(false), holderId: z.string().nullable(), holderName: z.string().nullable(), status: z.string() }),
]);

export const releaseQuerySchema = z.object({ mode: z.enum(["leave", "skip"]).default("leave") });

export const releaseResponseSchema = z.object({ released: z.boolean() });

// ---- /api/items/claim: POST (the work queue's next item).

export const claimBodySchema = z.object({ projectId: z.string().min(1).max(64) });

export const claimResponseSchema = z.union([
  z.object({
    itemId: z.string(),
    reason: z.enum(["changes-requested", "resumed", "new"]),
    status: z.enum(["DRAFT", "CHANGES_REQUESTED"]),
    leaseExpiresAt: z.iso.datetime(),
  }),
  z.object({ itemId: z.null() }),
]);

export type GetItemResponse = z.output<typeof getItemResponseSchema>;
export type SaveItemBody = z.input<typeof saveItemBodySchema>;
export type SaveItemResponse = z.output<typeof saveItemResponseSchema>;
export type VersionConflictResponse = z.output<typeof versionConflictResponseSchema>;
export type NotEditableResponse = z.output<typeof notEditableResponseSchema>;
export type ErrorResponse = z.output<typeof errorResponseSchema>;
export type HoldResponse = z.output<typeof holdResponseSchema>;
export type ReleaseMode = z.output<typeof releaseQuerySchema>["mode"];
export type ReleaseResponse = z.output<typeof releaseResponseSchema>;
export type ClaimBody = z.input<typeof claimBodySchema>;
export type ClaimResponse = z.output<typeof claimResponseSchema>;

/** A JSON response whose body the compiler checks against the wire schema (routes answer only through this). */
export function wireJson<S extends z.ZodType>(_schema: S, body: z.input<S>, init?: ResponseInit): Response {
  return Response.json(body, init);
}

// The wire snapshot and issue are the editor's own types: a change to one side fails the build.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const snapshotMatches: Same<z.output<typeof itemSnapshotSchema>, ItemSnapshot> = true;
const issueMatches: Same<z.output<typeof lintIssueSchema>, LintIssue> = true;
void snapshotMatches;
void issueMatches;
