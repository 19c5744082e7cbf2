import { reportError, retryAfterOf } from "@/lib/errors/report";

/**
 * A route handler's answer to an error: `{error, code, issues}` plus the DomainError's details, with its
 * status (and Retry-After on 429/503). Unknown errors are 500 with a fixed message; the detail is logged.
 */
export function errorResponse(error: unknown): Response {
  const report = reportError(error);
  const retryAfter = retryAfterOf(report);
  return Response.json(
    { ...report.details, error: report.error, code: report.code, issues: report.issues },
    { status: report.status, headers: retryAfter === undefined ? undefined : { "retry-after": String(retryAfter) } },
  );
}
