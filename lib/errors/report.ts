import { ZodError } from "zod";
import { DomainError, type DomainErrorCode } from "./index";

/** One problem with one field ("" = the input as a whole). */
export interface ErrorIssue {
  field: string;
  message: string;
}

/**
 * What every shell answers for an error: route handlers (JSON body and status), server actions (the form's
 * result) and the CLI (stderr and exit code) all start from this, so they cannot disagree.
 */
export interface ErrorReport {
  status: number;
  code: DomainErrorCode | "INTERNAL";
  /** One line for people. */
  error: string;
  /** The problems by field; empty when the error is not about a field. */
  issues: ErrorIssue[];
  /** Machine-readable extras of the DomainError (e.g. the server's item on a version conflict). */
  details?: Record<string, unknown>;
}

/** The only thing a caller learns about a bug; the detail goes to the server's log. */
export const INTERNAL_ERROR_MESSAGE = "Something went wrong.";

/** A DomainError thrown inside a stream reaches us as the cause of the reader's TypeError. */
function domainErrorOf(error: unknown): DomainError | null {
  if (error instanceof DomainError) return error;
  const cause = (error as { cause?: unknown } | null)?.cause;
  return cause instanceof DomainError ? cause : null;
}

/**
 * An error as status, code, message and issues. DomainError and ZodError are expected and reported as
 * they are; anything else is a bug: 500 with a fixed message, the detail only in `log`.
 */
export function reportError(error: unknown, log: (error: unknown) => void = console.error): ErrorReport {
  if (error instanceof ZodError) {
    const issues = error.issues.map((i) => ({ field: i.path.join("."), message: i.message }));
    return { status: 400, code: "INVALID", error: issues.map((i) => `${i.field || "input"}: ${i.message}`).join("; "), issues };
  }
  const domain = domainErrorOf(error);
  if (domain) {
    return {
      status: domain.status,
      code: domain.code,
      error: domain.message,
      issues: domain.field === undefined ? [] : [{ field: domain.field, message: domain.message }],
      ...(domain.details && { details: domain.details }),
    };
  }
  log(error);
  return { status: 500, code: "INTERNAL", error: INTERNAL_ERROR_MESSAGE, issues: [] };
}

/** Seconds a client should wait before retrying (429, 503), when the error says. */
export function retryAfterOf(report: ErrorReport): number | undefined {
  const seconds = report.details?.retryAfterSeconds;
  return typeof seconds === "number" ? seconds : undefined;
}
