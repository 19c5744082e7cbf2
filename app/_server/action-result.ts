import { reportError } from "@/lib/errors/report";
import type { DomainErrorCode } from "@/lib/errors";

/** What a form's server action returns to the page: a message, or errors by field. */
export type ActionResult<T = unknown> =
  | { ok: true; message?: string; data?: T }
  | {
      ok: false;
      error: string;
      code: DomainErrorCode | "INTERNAL";
      fieldErrors?: Record<string, string>;
      status: number;
      /** The DomainError's details (e.g. the server's item on a version conflict). */
      details?: Record<string, unknown>;
    };

/** A server action's answer to an error: the same status and message a route would give, issues by field. */
export function actionError(error: unknown): Extract<ActionResult, { ok: false }> {
  const report = reportError(error);
  const fieldErrors: Record<string, string> = {};
  for (const issue of report.issues) fieldErrors[issue.field || "form"] ??= issue.message;
  return {
    ok: false,
    error: report.error,
    code: report.code,
    status: report.status,
    ...(report.issues.length > 0 && { fieldErrors }),
    ...(report.details && { details: report.details }),
  };
}
