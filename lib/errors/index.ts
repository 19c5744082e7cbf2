/**
 * The one error model of SRT Studio. Every error the domain expects (a missing row, a refused role, a bad
 * field, a conflict) is a DomainError: a stable `code` for programs, an HTTP `status`, an optional `field`
 * the message is about, and a message for people. Route handlers, server actions and the CLI read these
 * fields; anything else is a bug: 500 everywhere, details only in the server log.
 */
export type DomainErrorCode =
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "INVALID"
  | "CONFLICT"
  | "TOO_LARGE"
  | "UNSUPPORTED_MEDIA_TYPE"
  | "RATE_LIMITED"
  | "UNPROCESSABLE"
  | "UNAVAILABLE";

const STATUS: Record<DomainErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  INVALID: 400,
  CONFLICT: 409,
  TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  UNPROCESSABLE: 422,
  UNAVAILABLE: 503,
};

export interface DomainErrorOptions {
  /** The input field (dotted path), file or line the message is about. */
  field?: string;
  /** Extra machine-readable detail sent with the error (e.g. the server's version on a conflict). */
  details?: Record<string, unknown>;
  cause?: unknown;
}

export class DomainError extends Error {
  readonly code: DomainErrorCode;
  readonly field?: string;
  readonly details?: Record<string, unknown>;

  constructor(code: DomainErrorCode, message: string, options: DomainErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.field = options.field;
    this.details = options.details;
  }

  get status(): number {
    return STATUS[this.code];
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** No valid session or token: 401 for APIs, a redirect to /signin for pages. */
export class UnauthenticatedError extends DomainError {
  constructor(message = "Sign in first.") {
    super("UNAUTHENTICATED", message);
  }
}

/** Signed in, but the role or project membership does not allow it: 403. */
export class ForbiddenError extends DomainError {
  constructor(message = "Your role does not allow this.", options?: DomainErrorOptions) {
    super("FORBIDDEN", message, options);
  }
}

/** "No such X": one wording everywhere — `No <what> "<id>".`, or `No such <what>.` without an id. */
export class NotFoundError extends DomainError {
  constructor(what: string, id?: string, options?: DomainErrorOptions) {
    super("NOT_FOUND", id === undefined ? `No such ${what}.` : `No ${what} "${id}".`, { field: what, ...options });
  }
}

/** Bad input the schema could not catch (a reference, a combination): 400 naming the field. */
export class InvalidInputError extends DomainError {
  constructor(field: string, message: string, options?: Omit<DomainErrorOptions, "field">) {
    super("INVALID", message, { ...options, field });
  }
}

/** The write would contradict the current state (a version, a holder, a transition): 409. */
export class ConflictError extends DomainError {
  constructor(message: string, options?: DomainErrorOptions) {
    super("CONFLICT", message, options);
  }
}

/** Too big to accept (a request body, an upload): 413 naming the field. */
export class TooLargeError extends DomainError {
  constructor(field: string, message: string, options?: Omit<DomainErrorOptions, "field">) {
    super("TOO_LARGE", message, { ...options, field });
  }
}

/** Busy right now, not wrong: 503, worth retrying after `retryAfterSeconds`. */
export class UnavailableError extends DomainError {
  constructor(message: string, retryAfterSeconds: number, options?: DomainErrorOptions) {
    super("UNAVAILABLE", message, { ...options, details: { ...options?.details, retryAfterSeconds } });
  }
}
